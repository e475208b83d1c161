package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.grid.GridCurve;
import dev.plimsoll.perfmodel.calib.grid.ShapeEstimate;
import dev.plimsoll.perfmodel.calib.grid.ShapeSet;
import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.roofline.KernelRoofline;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.Axis;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Provenance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measured curves of one kernel family on one GPU and framework, in utilisation space.
 *
 * <p>Each measured shape (a GEMM's n and k, an attention layout, a MoE layout, a collective's GPU
 * count) has a fixed part and a busy part. The fixed part is the least-squares fixed cost of its
 * category ({@link FixedCostFitter}; per GPU count for collectives), capped at
 * {@value #FLOOR_FRACTION} of the shape's fastest measured time so that the busy part stays positive;
 * points store log(ideal / busy), the log of the busy part's utilisation of the roofline. Reading a
 * shape at a grid point gives time = fixed part + ideal / utilisation. Holding the utilisation
 * of the busy part at a boundary lets a kernel tend to its fixed cost below the measured range and
 * to a held efficiency above it.
 *
 * <p>Another GPU (different figures than the reference the curves were measured on) gets the time
 * {@link SpecTransfer} makes of it: the shape's launch floor is kept, the share of the time the
 * roofline explains at the family's achievable utilisation u_max (99th percentile of the measured
 * ones) scales with the bound's spec ratio, and the rest with the dtype's tensor-core peak ratio;
 * reproducing the other GPU's tables ({@link TableReplay}), a memory-bound row's working set is read
 * from the L2 of each GPU that holds it ({@link L2Residency}).
 */
public final class FamilyModel {
    /**
     * Cap on the fixed part of a shape's time, as a fraction of its fastest measured time: keeps the
     * busy part positive for every measured point (0.9 scored best of 0, 0.5 and 0.9 on the H100
     * attention holdout, docs/calibration.md).
     */
    static final double FLOOR_FRACTION = 0.9;
    /**
     * Quantile of the measured utilisations taken as a family's achievable utilisation u_max: a
     * high quantile rather than the maximum, which cache-resident or mis-keyed outliers inflate
     * (some small GEMMs beat the HBM roofline out of L2). 0.99 scored best of 0.9, 0.95, 0.99 and
     * the maximum when H100 curves predict the H200 tables, attention and GEMM together.
     */
    static final double HIGH_UTILISATION_QUANTILE = 0.99;
    /**
     * An op whose roofline time at the achievable utilisation explains less than this share of its
     * time is reported as overhead-bound (launch, scheduling, tails).
     */
    private static final double OVERHEAD_SHARE = 0.5;

    private final KernelFamily family;
    private final ReferenceSpec reference;
    private final Map<String, ShapeSet> categories;
    /**
     * Per category and kernel class: the shapes measured with that class only ({@link MoeKernel#classOf}),
     * and the curves of each kernel a launch chooses between fitted from its own rows ({@link LaunchChoiceCurves}).
     */
    private final Map<String, ShapeSet> kernelClasses;
    private final Map<Bound, Double> achievableUtilisation;
    private final Set<String> hostBound;
    private final int rows;
    private final List<FixedCostFit> fits;
    /** 8-bit MoE categories whose curves say less on another architecture (computed on first use). */
    private final SlowQuantisedCategories slowQuantised = new SlowQuantisedCategories(this);

    private FamilyModel(KernelFamily family, ReferenceSpec reference, Map<String, ShapeSet> categories,
                        Map<String, ShapeSet> kernelClasses, Map<Bound, Double> achievableUtilisation,
                        Set<String> hostBound, int rows, List<FixedCostFit> fits) {
        this.family = family;
        this.reference = reference;
        this.categories = categories;
        this.kernelClasses = kernelClasses;
        this.hostBound = Set.copyOf(hostBound);
        this.achievableUtilisation = achievableUtilisation;
        this.rows = rows;
        this.fits = List.copyOf(fits);
    }

    /**
     * A model from its parts as {@link #build} made them (the prebuilt form of a shipped bundle, see
     * {@link FittedFamilyIo}); the maps are kept, not copied.
     */
    static FamilyModel of(KernelFamily family, ReferenceSpec reference, Map<String, ShapeSet> categories,
                          Map<String, ShapeSet> kernelClasses, Map<Bound, Double> achievableUtilisation,
                          Set<String> hostBound, int rows, List<FixedCostFit> fits) {
        return new FamilyModel(family, reference, categories, kernelClasses, achievableUtilisation, hostBound, rows,
                fits);
    }

    /** Builds the curves from measured rows (duplicates keep their fastest time). */
    public static FamilyModel build(KernelFamily family, Collection<KernelRow> input, ReferenceSpec reference) {
        List<KernelRow> unique = MeasuredRows.dedupe(input);
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Map<MeasuredRows.Coordinates, List<KernelRow>>> grouped = new TreeMap<>();
        Map<Bound, List<Double>> utilisations = new EnumMap<>(Bound.class);
        for (KernelRow r : unique) {
            grouped.computeIfAbsent(r.category(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(new MeasuredRows.Coordinates(r.shape()), k -> new ArrayList<>()).add(r);
            Ideal ideal = KernelRoofline.ideal(KernelQuery.ofRow(family, r), reference);
            utilisations.computeIfAbsent(ideal.bound(), k -> new ArrayList<>()).add(ideal.ms() / r.latencyMs());
        }
        Map<Bound, Double> umax = new EnumMap<>(Bound.class);
        utilisations.forEach((b, u) -> umax.put(b, ErrorStats.percentile(
                u.stream().mapToDouble(Double::doubleValue).toArray(), HIGH_UTILISATION_QUANTILE)));
        List<FixedCostFit> fits = FixedCostFitter.fit(family, unique, reference);
        Map<String, Double> fixedMs = new HashMap<>();
        fits.forEach(f -> fixedMs.put(f.key(), Math.max(0.0, f.fixedUs() / 1000.0)));
        Map<String, ShapeSet> categories = new LinkedHashMap<>();
        Map<String, ShapeSet> kernelClasses = new LinkedHashMap<>();
        grouped.forEach((category, shapes) -> {
            List<double[]> shapeCoords = new ArrayList<>();
            List<GridCurve> curves = new ArrayList<>();
            Map<String, List<double[]>> classCoords = new TreeMap<>();
            Map<String, List<GridCurve>> classCurves = new TreeMap<>();
            shapes.forEach((shape, points) -> {
                double[] coords = scaled(points.get(0).shape(), family.shapeAxes());
                double fixed = fixedMs.getOrDefault(FixedCostFitter.key(family, points.get(0)), Double.MAX_VALUE);
                GridCurve curve = curve(family, points, reference, labels, fixed);
                shapeCoords.add(coords);
                curves.add(curve);
                String kernelClass = kernelClass(points);
                if (!kernelClass.isEmpty()) {
                    classCoords.computeIfAbsent(kernelClass, k -> new ArrayList<>()).add(coords);
                    classCurves.computeIfAbsent(kernelClass, k -> new ArrayList<>()).add(curve);
                }
            });
            categories.put(category, new ShapeSet(shapeCoords, curves));
            classCoords.forEach((k, c) -> kernelClasses.put(classKey(category, k), new ShapeSet(c, classCurves.get(k))));
        });
        kernelClasses.putAll(LaunchChoiceCurves.of(family, input, reference, labels, fixedMs));
        return new FamilyModel(family, reference, categories, kernelClasses, umax, HostBoundCategories.of(family, unique),
                unique.size(), fits);
    }

    /** The kernel class all of a shape's points share, or "" when they are of the default class or mixed. */
    private static String kernelClass(List<KernelRow> points) {
        String first = MoeKernel.classOf(points.get(0).kernel());
        for (KernelRow r : points) {
            if (!MoeKernel.classOf(r.kernel()).equals(first)) {
                return "";
            }
        }
        return first;
    }

    static String classKey(String category, String kernelClass) {
        return category + "#" + kernelClass;
    }

    static GridCurve curve(KernelFamily family, List<KernelRow> points, ReferenceSpec reference,
                                   Map<String, Integer> labels, double fixedMs) {
        double fastest = points.stream().mapToDouble(KernelRow::latencyMs).min().orElseThrow();
        double floor = Math.min(fixedMs, FLOOR_FRACTION * fastest);
        List<double[]> coords = new ArrayList<>(points.size());
        double[] values = new double[points.size()];
        int[] lab = new int[points.size()];
        for (int i = 0; i < points.size(); i++) {
            KernelRow r = points.get(i);
            coords.add(scaled(r.grid(), family.gridAxes()));
            double ideal = KernelRoofline.ideal(KernelQuery.ofRow(family, r), reference).ms();
            values[i] = Math.log(ideal / (r.latencyMs() - floor));
            lab[i] = labels.computeIfAbsent(r.kernel(), k -> labels.size());
        }
        return GridCurve.of(coords, values, lab, floor);
    }

    static double[] scaled(double[] raw, List<Axis> axes) {
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = axes.get(i).scale().scale(raw[i]);
        }
        return out;
    }

    public KernelFamily family() {
        return family;
    }

    public ReferenceSpec reference() {
        return reference;
    }

    /** Category keys present (labels joined by {@link KernelRow#SEPARATOR}). */
    public Set<String> categories() {
        return categories.keySet();
    }

    /** Shapes and curves per category, in sorted category order (for {@link FittedFamilyIo}). */
    Map<String, ShapeSet> shapeSets() {
        return Collections.unmodifiableMap(categories);
    }

    /** Per category and kernel class, the subsets of {@link #shapeSets()} (for {@link FittedFamilyIo}). */
    Map<String, ShapeSet> kernelClassSets() {
        return Collections.unmodifiableMap(kernelClasses);
    }

    /** Categories timed with host work inside (for {@link FittedFamilyIo}). */
    Set<String> hostBoundCategories() {
        return hostBound;
    }

    /**
     * Raw shapes of {@code category} measured with kernels of {@code kernelClass} only (empty when
     * none), in the family's shape-axis order.
     */
    List<double[]> kernelClassShapes(String category, String kernelClass) {
        ShapeSet set = kernelClasses.get(classKey(category, kernelClass));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; set != null && i < set.size(); i++) {
            out.add(Axis.unscaledWhole(set.shape(i), family.shapeAxes()));
        }
        return out;
    }

    /** Whether {@code category} has shapes measured with {@code kernelClass} and {@code shape} is one of them. */
    boolean measuredWith(String category, String kernelClass, double[] shape) {
        ShapeSet set = kernelClasses.get(classKey(category, kernelClass));
        return set != null && set.contains(scaled(shape, family.shapeAxes()));
    }

    public boolean has(String category) {
        return categories.containsKey(category);
    }

    /**
     * Whether the category's rows were timed with host work inside the interval
     * ({@link HostBoundCategories}): they reproduce their own table but not a kernel inside a
     * replayed CUDA graph.
     */
    public boolean hostBound(String category) {
        return hostBound.contains(category);
    }

    /**
     * Whether {@code category}'s curves say less on {@code target} than the next category of its dtype
     * chain: an 8-bit MoE category measured slower than BF16 read for another architecture
     * ({@link SlowQuantisedCategories}).
     */
    public boolean slowOnAnotherArchitecture(String category, ReferenceSpec target) {
        return slowQuantised.skip(category, target);
    }

    /** Distinct measured rows. */
    public int rows() {
        return rows;
    }

    /** Least-squares fixed costs, per category (and GPU count for collectives). */
    public List<FixedCostFit> fixedCosts() {
        return fits;
    }

    /** Distinct measured shapes over all categories. */
    public int shapes() {
        return categories.values().stream().mapToInt(ShapeSet::size).sum();
    }

    /** Achievable utilisation u_max per bound class (a high quantile of the measured ones). */
    public Map<Bound, Double> achievableUtilisation() {
        return Map.copyOf(achievableUtilisation);
    }

    /**
     * Prices a query on GPU {@code target}, reading the curves of its own category, or failing that
     * of the first measured dtype substitute ({@link OpQueries#fallbacks}: NVFP4 and MXFP4 from FP8,
     * as the cost model reads them), or of the closest measured category (transferred).
     *
     * @param sameGpu the target is the GPU the tables were measured on
     * @return null when the model has no category at all
     */
    public Prediction predict(KernelQuery q, ReferenceSpec target, boolean sameGpu) {
        return predict(q, target, sameGpu, TableReplay.SERVING);
    }

    /**
     * As {@link #predict(KernelQuery, ReferenceSpec, boolean)}, reproducing a row of {@code target}'s
     * tables as {@code replay}'s collector timed it: a working set the replay keeps in an L2 is read
     * from it ({@link L2Residency}).
     */
    Prediction predict(KernelQuery q, ReferenceSpec target, boolean sameGpu, TableReplay replay) {
        return predict(q, target, sameGpu, replay, "");
    }

    /** As above, reading the curves of the kernel a row was timed with where a launch chooses it ({@link LaunchChoiceCurves}). */
    Prediction predict(KernelQuery q, ReferenceSpec target, boolean sameGpu, TableReplay replay, String kernelClass) {
        String curves = curveCategory(q, target);
        return curves == null ? null : predict(q, curves, kernelClass, target, sameGpu, replay);
    }

    /**
     * Prices a query reading the curves of {@code curveCategory} (its own category, or a
     * substitute, which makes the answer transferred); the roofline uses the query's category.
     */
    public Prediction predict(KernelQuery q, String curveCategory, ReferenceSpec target, boolean sameGpu) {
        return predict(q, curveCategory, "", target, sameGpu);
    }

    /**
     * As {@link #predict(KernelQuery, String, ReferenceSpec, boolean)}, reading only the shapes measured
     * with kernels of {@code kernelClass} when the category has any ("" for every shape): an engine
     * told to use one kernel runs it at every shape, so another kernel's curve at the query's own
     * shape says less than this kernel's curve at another shape.
     */
    public Prediction predict(KernelQuery q, String curveCategory, String kernelClass, ReferenceSpec target,
                              boolean sameGpu) {
        return predict(q, curveCategory, kernelClass, target, sameGpu, TableReplay.SERVING);
    }

    private Prediction predict(KernelQuery q, String curveCategory, String kernelClass, ReferenceSpec target,
                               boolean sameGpu, TableReplay replay) {
        ShapeSet set = kernelClass.isEmpty() ? null : kernelClasses.get(classKey(curveCategory, kernelClass));
        if (set == null) {
            set = categories.get(curveCategory);
        }
        if (set == null) {
            return null;
        }
        ShapeEstimate e = set.at(scaled(q.shape(), family.shapeAxes()), scaled(q.grid(), family.gridAxes()));
        Ideal idealRef = KernelRoofline.ideal(q, reference);
        double timeRef = e.timeMs(idealRef.ms());
        boolean substituted = !curveCategory.equals(q.category());
        Provenance p = provenance(e, q.standIn() || substituted || !sameGpu);
        Ideal ideal = idealRef;
        double time = timeRef;
        if (!target.sameFigures(reference)) {
            ideal = KernelRoofline.ideal(q, target);
            // the softmax's exponentials move with both GPUs' rates, or with neither where one is unknown
            Ideal from = idealRef;
            if (!reference.knowsExponentials() || !target.knowsExponentials()) {
                from = idealRef.withoutExponentials();
                ideal = ideal.withoutExponentials();
            }
            // where the source's and the target's replays read the working set from (L2Residency)
            double opBytes = from.memoryMs() / 1000.0 * reference.memoryBytesPerS();
            Ideal served = L2Residency.servedTarget(from, ideal, reference, target,
                    replay.workingSetBytes(family, q.category(), opBytes));
            // a point above u_max is its own achievable utilisation: nothing of it is unexplained
            double uRef = Math.max(umax(from.bound()), from.ms() / timeRef);
            double uTarget = served.bound() == from.bound() ? uRef : umax(served.bound());
            time = SpecTransfer.timeMs(family, timeRef, e.floorMs(), from, served, uRef, uTarget);
        }
        Bound bound = ideal.bound();
        if (bound != Bound.COMMUNICATION && ideal.ms() / umax(ideal.bound()) < OVERHEAD_SHARE * time) {
            bound = Bound.OVERHEAD;
        }
        return new Prediction(time, p, bound, ideal.ms() / time);
    }

    /** The category whose curves price {@code q}: its own, a dtype substitute, or the closest. */
    String curveCategory(KernelQuery q) {
        return curveCategory(q, reference);
    }

    /** As {@link #curveCategory(KernelQuery)}, read for {@code target}: {@link #slowOnAnotherArchitecture} skipped. */
    String curveCategory(KernelQuery q, ReferenceSpec target) {
        if (has(q.category()) && !slowOnAnotherArchitecture(q.category(), target)) {
            return q.category();
        }
        for (String c : OpQueries.fallbacks(family, q.category())) {
            if (has(c) && !slowOnAnotherArchitecture(c, target)) {
                return c;
            }
        }
        return closestCategory(q.category());
    }

    /**
     * The measured category sharing most labels position by position with {@code wanted} (ties:
     * the first in sorted order); null when the model is empty.
     */
    public String closestCategory(String wanted) {
        return CategoryMatch.closest(categories.keySet(), wanted);
    }

    private double umax(Bound b) {
        Double v = achievableUtilisation.get(b);
        if (v != null) {
            return v;
        }
        return achievableUtilisation.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
    }

    /**
     * Measured shapes: measured, interpolated or extrapolated from the grid reading; an unseen
     * shape, a stand-in grid point or another GPU: transferred, unless the grid reading already
     * extrapolated (the weaker of the two).
     */
    private static Provenance provenance(ShapeEstimate e, boolean transferred) {
        if (!e.measuredShape()) {
            return Provenance.TRANSFERRED;
        }
        Provenance p = e.exactPoint() ? Provenance.MEASURED
                : e.penalty() > 0 ? Provenance.EXTRAPOLATED : Provenance.INTERPOLATED;
        return transferred && p.ordinal() < Provenance.TRANSFERRED.ordinal() ? Provenance.TRANSFERRED : p;
    }
}
