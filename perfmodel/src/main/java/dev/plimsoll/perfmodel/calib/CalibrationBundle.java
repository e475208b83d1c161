package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Bound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Measured kernel tables of one GPU and framework, with their manifest. Tables are read and their
 * curves built on first use, per family, so that pricing a dense model never reads the MoE table.
 */
public final class CalibrationBundle {
    private final BundleManifest manifest;
    private final ReferenceSpec reference;
    private final Map<KernelFamily, Supplier<List<KernelRow>>> tables;
    /** Per family, the prebuilt curves where the bundle carries them (a supplier may give null: none). */
    private final Map<KernelFamily, Supplier<FamilyModel>> prebuilt;
    private final Map<KernelFamily, FamilyModel> models = new ConcurrentHashMap<>();

    CalibrationBundle(BundleManifest manifest, Map<KernelFamily, Supplier<List<KernelRow>>> tables) {
        this(manifest, tables, Map.of());
    }

    /**
     * @param prebuilt per family, curves read from a prebuilt file ({@link FittedFamilyIo}); a family
     *                 without one, or whose supplier gives null, is fitted from its table on first use
     */
    CalibrationBundle(BundleManifest manifest, Map<KernelFamily, Supplier<List<KernelRow>>> tables,
                      Map<KernelFamily, Supplier<FamilyModel>> prebuilt) {
        this.manifest = manifest;
        this.reference = manifest.referenceSpec();
        this.tables = new EnumMap<>(tables);
        this.prebuilt = Map.copyOf(prebuilt);
    }

    /**
     * Builds a bundle from measured rows: deduplicates them (fastest time kept; the kernels a launch
     * chooses between are kept apart, {@link MeasuredRows#dedupeKeepingLaunchChoices}), fits the fixed
     * costs and records the achievable utilisation per family.
     */
    public static CalibrationBundle build(String gpuId, String backend, ReferenceSpec reference,
                                          Map<KernelFamily, ? extends Collection<KernelRow>> rows, String source,
                                          String license) {
        Map<KernelFamily, List<KernelRow>> unique = new EnumMap<>(KernelFamily.class);
        rows.forEach((f, r) -> {
            if (!r.isEmpty()) {
                unique.put(f, MeasuredRows.dedupeKeepingLaunchChoices(f, r));
            }
        });
        List<BundleManifest.FamilyEntry> entries = new ArrayList<>();
        Map<KernelFamily, FamilyModel> built = new EnumMap<>(KernelFamily.class);
        unique.forEach((f, r) -> {
            FamilyModel m = FamilyModel.build(f, r, reference);
            built.put(f, m);
            Map<String, Double> umax = new TreeMap<>();
            m.achievableUtilisation().forEach((b, v) -> umax.put(b.key(), FixedCostFitter.round(v)));
            entries.add(new BundleManifest.FamilyEntry(f.key(), f.fileName(backend), r.size(), m.shapes(), umax,
                    m.fixedCosts()));
        });
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, gpuId, backend,
                BundleManifest.Figures.of(reference), source, license, entries);
        Map<KernelFamily, Supplier<List<KernelRow>>> suppliers = new EnumMap<>(KernelFamily.class);
        unique.forEach((f, r) -> suppliers.put(f, () -> r));
        CalibrationBundle b = new CalibrationBundle(manifest, suppliers);
        b.models.putAll(built);
        return b;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public String gpuId() {
        return manifest.gpu();
    }

    public String backend() {
        return manifest.backend();
    }

    public ReferenceSpec reference() {
        return reference;
    }

    public Set<KernelFamily> families() {
        return tables.keySet();
    }

    /** Measured rows of a family (empty if the bundle has no such table). */
    public List<KernelRow> rows(KernelFamily family) {
        Supplier<List<KernelRow>> s = tables.get(family);
        return s == null ? List.of() : s.get();
    }

    /** Curves of a family: read prebuilt, or fitted from its table, on first use. */
    public Optional<FamilyModel> model(KernelFamily family) {
        if (!tables.containsKey(family)) {
            return Optional.empty();
        }
        FamilyModel m = models.get(family);
        if (m == null) {
            m = models.computeIfAbsent(family, this::load);
        }
        return Optional.of(m);
    }

    private FamilyModel load(KernelFamily family) {
        Supplier<FamilyModel> p = prebuilt.get(family);
        FamilyModel m = p == null ? null : p.get();
        return m != null ? m : FamilyModel.build(family, rows(family), reference);
    }

    /** Fitted fixed costs of every family. */
    public List<FixedCostFit> fixedCosts() {
        List<FixedCostFit> out = new ArrayList<>();
        manifest.families().forEach(e -> out.addAll(e.fixedCosts()));
        return out;
    }

    /** Achievable (99th percentile) utilisation per bound of a family, from the manifest. */
    public Map<Bound, Double> achievableUtilisation(KernelFamily family) {
        Map<Bound, Double> out = new EnumMap<>(Bound.class);
        manifest.families().stream().filter(e -> e.family().equals(family.key())).findFirst()
                .ifPresent(e -> e.achievableUtilisation().forEach((k, v) -> out.put(Bound.valueOf(k.toUpperCase(
                        java.util.Locale.ROOT)), v)));
        return out;
    }
}
