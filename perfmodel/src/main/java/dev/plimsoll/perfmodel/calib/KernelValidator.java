package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.calib.table.TableDirectory;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code validate --kernels DIR --gpu G [--holdout F]}: how well calibrated kernel times match
 * measured tables, per framework and family. Rows of a category the measured table itself shows
 * timed with host work inside the interval ({@link HostBoundCategories}: vLLM's block-FP8 GEMMs on
 * every GPU of the shared tables) time the collector's CPU, not a kernel: they are scored apart
 * ({@code host_timed_points}, {@code host_timed_median_error}), left out of the family's median and
 * p90, the way the end-to-end validation reports its underspecified rows.
 */
public final class KernelValidator {
    /** Default seed of the holdout draw. */
    public static final long DEFAULT_SEED = 42;

    private KernelValidator() {
    }

    /**
     * Fits on the tables of {@code dir} minus a holdout and scores the held-out rows (whole shapes
     * never seen by the fit; see {@link Holdout}).
     */
    public static ValidationReport holdout(Path dir, GpuSpec gpu, Holdout holdout) {
        return holdout(dir, gpu, holdout, EnumSet.allOf(KernelFamily.class));
    }

    /** {@link #holdout(Path, GpuSpec, Holdout)} restricted to some families. */
    public static ValidationReport holdout(Path dir, GpuSpec gpu, Holdout holdout, Set<KernelFamily> families) {
        TableDirectory tables = TableDirectory.scan(dir);
        ReferenceSpec spec = ReferenceSpec.of(gpu);
        List<ValidationReport.FamilyScore> scores = new ArrayList<>();
        for (String fw : frameworksWithShared(tables)) {
            AttentionPool attention = new AttentionPool();
            for (Map.Entry<KernelFamily, Path> t : ownTables(tables, fw).entrySet()) {
                if (!families.contains(t.getKey())) {
                    continue;
                }
                List<KernelRow> rows = KernelTableReader.read(t.getValue(), t.getKey(), fw).rows();
                Holdout.Split split = holdout.split(t.getKey(), rows);
                if (split.fit().isEmpty() || split.held().isEmpty()) {
                    continue;
                }
                FamilyModel model = FamilyModel.build(t.getKey(), split.fit(), spec);
                Scored s = scored(fw, t.getKey(), split.held(), HostBoundCategories.of(t.getKey(), rows), model,
                        spec, true, "holdout fit on " + dir);
                scores.add(s.score());
                attention.offer(t.getKey(), s);
            }
            attention.line().ifPresent(scores::add);
        }
        String mode = String.format(Locale.ROOT, "holdout %.2f seed %d", holdout.fraction(), holdout.seed());
        return new ValidationReport(gpu.id(), mode, scores);
    }

    /**
     * Predicts every row of {@code dir} with what Plimsoll already knows: the catalog's bundle for
     * this GPU and framework, or curves transferred from the closest calibrated GPU.
     */
    public static ValidationReport predict(Path dir, GpuSpec gpu, BundleCatalog catalog) {
        return predict(dir, gpu, catalog, EnumSet.allOf(KernelFamily.class));
    }

    /** {@link #predict(Path, GpuSpec, BundleCatalog)} restricted to some families. */
    public static ValidationReport predict(Path dir, GpuSpec gpu, BundleCatalog catalog, Set<KernelFamily> families) {
        TableDirectory tables = TableDirectory.scan(dir);
        ReferenceSpec spec = ReferenceSpec.of(gpu);
        List<ValidationReport.FamilyScore> scores = new ArrayList<>();
        for (String fw : frameworksWithShared(tables)) {
            String backend = fw.equals(KernelFamily.NCCL.key()) ? firstFramework(tables) : fw;
            BundleCatalog.Selection sel = catalog.select(gpu.id(), spec, backend).orElse(null);
            AttentionPool attention = new AttentionPool();
            for (Map.Entry<KernelFamily, Path> t : ownTables(tables, fw).entrySet()) {
                if (!families.contains(t.getKey())) {
                    continue;
                }
                List<KernelRow> rows = KernelTableReader.read(t.getValue(), t.getKey(), fw).rows();
                FamilyModel model = sel == null ? null : sel.bundle().model(t.getKey()).orElse(null);
                String source = sel == null ? "none" : sel.bundle().gpuId() + "/" + sel.bundle().backend();
                Scored s = scored(fw, t.getKey(), rows, HostBoundCategories.of(t.getKey(), rows), model, spec,
                        sel != null && sel.exact(), source);
                scores.add(s.score());
                attention.offer(t.getKey(), s);
            }
            attention.line().ifPresent(scores::add);
        }
        return new ValidationReport(gpu.id(), "predicted from calibration bundles", scores);
    }

    /**
     * A table's score with the errors behind it (rows scored apart in {@code hostErrors}), for lines
     * that pool several tables ({@link AttentionPool}).
     */
    record Scored(ValidationReport.FamilyScore score, double[] errors, double[] hostErrors) {
    }

    /**
     * Scores {@code rows} against a model (null: every row unpriced); rows of the {@code hostTimed}
     * categories are scored apart.
     */
    static ValidationReport.FamilyScore score(String framework, KernelFamily family, List<KernelRow> rows,
                                              Set<String> hostTimed, FamilyModel model, ReferenceSpec target,
                                              boolean exact, String source) {
        return scored(framework, family, rows, hostTimed, model, target, exact, source).score();
    }

    private static Scored scored(String framework, KernelFamily family, List<KernelRow> rows, Set<String> hostTimed,
                                 FamilyModel model, ReferenceSpec target, boolean exact, String source) {
        double[] errors = new double[rows.size()];
        double[] hostErrors = new double[rows.size()];
        int n = 0;
        int host = 0;
        int unpriced = 0;
        Map<String, Integer> provenance = new TreeMap<>();
        KernelBreakdown byKernel = new KernelBreakdown(hostTimed);
        for (KernelRow r : rows) {
            Prediction p = model == null ? null
                    : model.predict(KernelQuery.ofRow(family, r), target, exact, new TableReplay(framework),
                            LaunchChoices.classOf(family, r.kernel()));
            if (p == null) {
                unpriced++;
                provenance.merge(Provenance.ROOFLINE.key(), 1, Integer::sum);
                continue;
            }
            double error = ErrorStats.relativeError(p.timeMs(), r.latencyMs());
            byKernel.add(r.kernel(), r.category(), p.timeMs(), r.latencyMs());
            if (hostTimed.contains(r.category())) {
                hostErrors[host++] = error;
            } else {
                errors[n++] = error;
            }
            provenance.merge(p.provenance().key(), 1, Integer::sum);
        }
        double[] e = java.util.Arrays.copyOf(errors, n);
        double[] h = java.util.Arrays.copyOf(hostErrors, host);
        double hostMedian = host == 0 ? 0.0 : ErrorStats.percentile(h, 0.5);
        return new Scored(new ValidationReport.FamilyScore(framework, family.key(), n, ErrorStats.percentile(e, 0.5),
                ErrorStats.percentile(e, 0.9), host, hostMedian, unpriced, provenance, source, byKernel.scores()), e, h);
    }

    /** Frameworks of the directory, plus "nccl" for the shared NCCL table when present. */
    private static List<String> frameworksWithShared(TableDirectory tables) {
        List<String> out = new ArrayList<>(tables.frameworks());
        if (tables.files().containsKey("")) {
            out.add(KernelFamily.NCCL.key());
        }
        return out;
    }

    private static Map<KernelFamily, Path> ownTables(TableDirectory tables, String framework) {
        if (framework.equals(KernelFamily.NCCL.key())) {
            return tables.files().get("");
        }
        return tables.files().getOrDefault(framework, Map.of());
    }

    private static String firstFramework(TableDirectory tables) {
        return tables.frameworks().stream().findFirst().orElse("trtllm");
    }
}
