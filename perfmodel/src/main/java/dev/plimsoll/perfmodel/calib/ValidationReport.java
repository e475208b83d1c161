package dev.plimsoll.perfmodel.calib;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy of calibrated kernel times against measured tables, per framework and family.
 *
 * @param gpu    GPU the tables were measured on
 * @param mode   how predictions were made ("holdout 0.20 seed 42", "shipped bundles", ...)
 * @param scores one line per framework and family
 */
public record ValidationReport(String gpu, String mode, List<FamilyScore> scores) {
    public ValidationReport {
        scores = List.copyOf(scores);
    }

    /**
     * @param framework    trtllm, vllm, sglang ("nccl" for the shared NCCL table)
     * @param family       table family
     * @param points               rows scored
     * @param medianError          median absolute relative error (fraction)
     * @param p90Error             90th percentile absolute relative error (fraction)
     * @param hostTimedPoints      rows of categories the table timed with host work inside
     *                             ({@link HostBoundCategories}), scored apart: not in the figures above
     * @param hostTimedMedianError their median absolute relative error (0 when there are none)
     * @param unpriced             rows nothing could price (not in the error statistics)
     * @param provenance   rows per provenance of their prediction
     * @param source       calibration the predictions came from
     * @param kernels      the same per kernel and category (empty unless asked for, {@link #withKernels})
     */
    public record FamilyScore(String framework, String family, int points, double medianError, double p90Error,
                              int hostTimedPoints, double hostTimedMedianError, int unpriced,
                              Map<String, Integer> provenance, String source,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KernelScore> kernels) {
        public FamilyScore {
            kernels = List.copyOf(kernels);
        }

        /** A score without its per-kernel breakdown. */
        public FamilyScore(String framework, String family, int points, double medianError, double p90Error,
                           int hostTimedPoints, double hostTimedMedianError, int unpriced,
                           Map<String, Integer> provenance, String source) {
            this(framework, family, points, medianError, p90Error, hostTimedPoints, hostTimedMedianError, unpriced,
                    provenance, source, List.of());
        }

        /** "n (median%)" of the host-timed rows, "-" when there are none. */
        String hostTimedCell() {
            return hostTimedPoints == 0 ? "-"
                    : String.format(Locale.ROOT, "%d (%.1f%%)", hostTimedPoints, 100 * hostTimedMedianError);
        }
    }

    /**
     * The report with ({@code true}) or without each family's per-kernel breakdown; the scores
     * carry it when they were made with it ({@link KernelValidator}).
     */
    public ValidationReport withKernels(boolean keep) {
        if (keep) {
            return this;
        }
        return new ValidationReport(gpu, mode, scores.stream().map(s -> new FamilyScore(s.framework(), s.family(),
                s.points(), s.medianError(), s.p90Error(), s.hostTimedPoints(), s.hostTimedMedianError(),
                s.unpriced(), s.provenance(), s.source())).toList());
    }

    public String toJson() {
        return ReportJson.write(this);
    }

    /** Plain text table. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("GPU ").append(gpu).append(", ").append(mode).append('\n');
        sb.append(String.format(Locale.ROOT, "%-10s %-22s %9s %8s %8s  %-16s %s%n", "framework", "family", "points",
                "median", "p90", "host-timed", "calibration"));
        for (FamilyScore s : scores) {
            sb.append(String.format(Locale.ROOT, "%-10s %-22s %9d %7.1f%% %7.1f%%  %-16s %s%n", s.framework(),
                    s.family(), s.points(), 100 * s.medianError(), 100 * s.p90Error(), s.hostTimedCell(), s.source()));
        }
        if (scores.stream().anyMatch(s -> s.hostTimedPoints() > 0)) {
            sb.append("host-timed: rows (median error) of categories the table timed with host work inside,"
                    + " scored apart\n");
        }
        if (scores.stream().anyMatch(s -> s.family().equals(AttentionPool.FAMILY))) {
            sb.append("attention: the context_attention and generation_attention rows scored together\n");
        }
        if (scores.stream().anyMatch(s -> !s.kernels().isEmpty())) {
            sb.append('\n').append(kernelTable());
        }
        return sb.toString();
    }

    /** Per kernel and category: where each family's error sits. */
    private String kernelTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %-22s %-28s %9s %8s %8s %7s  %s%n", "framework", "family",
                "category", "points", "median", "p90", "ratio", "kernel"));
        for (FamilyScore s : scores) {
            for (KernelScore k : s.kernels()) {
                sb.append(String.format(Locale.ROOT, "%-10s %-22s %-28s %9d %7.1f%% %7.1f%% %7.2f  %s%s%n",
                        s.framework(), s.family(), k.category(), k.points(), 100 * k.medianError(),
                        100 * k.p90Error(), k.medianRatio(), k.kernel().isEmpty() ? "-" : k.kernel(),
                        k.hostTimed() ? " (host-timed)" : ""));
            }
        }
        sb.append("ratio: median of predicted over measured time (below 1: predicted too fast)\n");
        return sb.toString();
    }

    /** Markdown table (for docs/calibration.md). */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| framework | family | points | median error | p90 error | host-timed rows (median) |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        for (FamilyScore s : scores) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f%% | %.1f%% | %s |%n", s.framework(), s.family(),
                    s.points(), 100 * s.medianError(), 100 * s.p90Error(), s.hostTimedCell()));
        }
        return sb.toString();
    }
}
