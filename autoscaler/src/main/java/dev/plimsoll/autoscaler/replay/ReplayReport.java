package dev.plimsoll.autoscaler.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The replay's outputs: JSON fields (stable snake_case keys), the per-interval CSV, a text table. */
public final class ReplayReport {
    private ReplayReport() {
    }

    /** One policy's figures as the stable JSON object. */
    public static Map<String, Object> json(ReplayResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", r.policy());
        m.put("deployment", r.deployment());
        m.put("sla_attainment", round(r.slaAttainment(), 5));
        m.put("gpu_hours", round(r.gpuHours(), 4));
        m.put("scaling_actions", r.scalingActions());
        m.put("ttft_p90_ms", round(r.ttftP90Ms(), 2));
        m.put("itl_p90_ms", round(r.itlP90Ms(), 3));
        m.put("tpot_p90_ms", round(r.tpotP90Ms(), 3));
        m.put("requests", r.requests());
        m.put("unfinished_or_rejected", r.unfinished());
        m.put("simulated_s", round(r.simulatedS(), 1));
        m.put("wall_s", round(r.wallS(), 2));
        m.put("decision_ms_mean", round(r.meanDecisionMs(), 4));
        m.put("decision_ms_max", round(r.maxDecisionMs(), 3));
        m.put("peak_rate_per_s", round(r.peakRatePerS(), 2));
        return m;
    }

    public static void writeCsv(ReplayResult r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(IntervalRow.csvHeader(r.pools()));
            w.write('\n');
            for (IntervalRow row : r.intervals()) {
                w.write(row.csv());
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A table of policies against each other, the oracle's GPU-hours as the reference when present. */
    public static String table(List<ReplayResult> results) {
        double oracle = Double.NaN;
        for (ReplayResult r : results) {
            if (r.policy().equals("oracle")) {
                oracle = r.gpuHours();
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"policy", "SLA attainment", "GPU-hours", "x oracle", "actions", "TTFT p90 ms",
            "ITL p90 ms", "TPOT p90 ms", "wall s"});
        for (ReplayResult r : results) {
            rows.add(new String[] {r.policy(), String.format(Locale.ROOT, "%.4f", r.slaAttainment()),
                String.format(Locale.ROOT, "%.2f", r.gpuHours()),
                Double.isNaN(oracle) ? "-" : String.format(Locale.ROOT, "%.2f", r.gpuHours() / oracle),
                String.valueOf(r.scalingActions()), String.format(Locale.ROOT, "%.1f", r.ttftP90Ms()),
                String.format(Locale.ROOT, "%.2f", r.itlP90Ms()), String.format(Locale.ROOT, "%.2f", r.tpotP90Ms()),
                String.format(Locale.ROOT, "%.1f", r.wallS())});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? String.format("%-" + width[i] + "s", row[i])
                        : String.format("%" + width[i] + "s", row[i]);
                sb.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
            if (k == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        return sb.toString();
    }

    private static double round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }
}
