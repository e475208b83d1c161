package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.validate.ErrorSummary;
import dev.plimsoll.perfmodel.validate.PromptLengthFit;
import dev.plimsoll.perfmodel.validate.Scorecard;
import dev.plimsoll.perfmodel.validate.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Human-readable {@code plimsoll validate --measured} report. */
public final class ValidationTable {
    private ValidationTable() {
    }

    public static String render(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        Scorecard under = r.underspecified();
        sb.append(String.format(Locale.ROOT, "%d deployments: %d fully specified, %d predicted (coverage %.1f%%)",
                r.rows(), r.headline().rows(), r.covered(), 100 * r.coverage()));
        if (under.rows() > 0) {
            sb.append(String.format(Locale.ROOT, "; %d underspecified (scored apart), %d predicted", under.rows(),
                    under.covered()));
        }
        sb.append("\n\n");
        sb.append(groupTable(r.groups(), r.overall(), "all"));
        if (r.gpus().size() > 1) {
            sb.append("\nper GPU (fully specified rows):\n");
            TextTable t = errorTable("GPU", "rows", "covered");
            r.gpus().forEach((system, card) -> errorRow(t, new Object[] {system, card.rows(), card.covered()},
                    card.overall()));
            sb.append(t.render());
        }
        List<PromptLengthFit> fits = PromptLengthFit.of(r.predictions());
        if (!fits.isEmpty()) {
            sb.append("\nTTFT against prompt length at each group's lightest load (a least-squares line per deployment "
                    + "measured there at two or more prompt lengths; medians over the group's lines):\n");
            sb.append(promptLengthTable(fits));
        }
        if (under.covered() > 0) {
            sb.append("\nunderspecified rows (worker counts or concurrency not recorded; scored under the stated "
                    + "assumption):\n");
            sb.append(groupTable(under.groups(), under.overall(), "underspecified"));
        }
        if (!r.uncovered().isEmpty()) {
            sb.append('\n').append(r.uncovered().size()).append(" not predicted:\n");
            sb.append(uncovered(r.uncovered()));
        }
        return sb.toString();
    }

    /** Most rows lines shown for one reason before "..." (the JSON lists them all). */
    static final int LINES_SHOWN = 8;

    /**
     * The rows not predicted, one line per reason: rows of models that are not bundled together
     * (they all want --models-dir), the others grouped by their reason, each with its lines.
     */
    static String uncovered(List<ValidationReport.Uncovered> rows) {
        Map<String, List<ValidationReport.Uncovered>> byReason = new LinkedHashMap<>();
        Set<String> notBundled = new TreeSet<>();
        List<ValidationReport.Uncovered> unbundledRows = new ArrayList<>();
        for (ValidationReport.Uncovered u : rows) {
            if (u.reason().startsWith("not bundled (give --models-dir")) {
                unbundledRows.add(u);
                notBundled.add(u.reason());
            } else {
                byReason.computeIfAbsent(u.reason(), k -> new ArrayList<>()).add(u);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!unbundledRows.isEmpty()) {
            sb.append(Wrap.prefixed("  ", String.format(Locale.ROOT, "%d rows (%s) name %d models that are not "
                            + "bundled: give --models-dir DIR holding their config.json as org--name.json (for the "
                            + "shared data: ../shared/data/hf-configs)", unbundledRows.size(), lines(unbundledRows),
                    notBundled.size()), Wrap.WIDTH));
        }
        for (Map.Entry<String, List<ValidationReport.Uncovered>> e : byReason.entrySet()) {
            List<ValidationReport.Uncovered> us = e.getValue();
            String head = us.size() == 1 ? "line " + us.get(0).line() + " " + us.get(0).id()
                    : us.size() + " rows (" + lines(us) + ")";
            sb.append(Wrap.prefixed("  ", head + ": " + e.getKey(), Wrap.WIDTH));
        }
        return sb.toString();
    }

    private static String lines(List<ValidationReport.Uncovered> us) {
        StringBuilder sb = new StringBuilder(us.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < Math.min(us.size(), LINES_SHOWN); i++) {
            sb.append(i == 0 ? "" : ", ").append(us.get(i).line());
        }
        return sb.append(us.size() > LINES_SHOWN ? ", ..." : "").toString();
    }

    private static String promptLengthTable(List<PromptLengthFit> fits) {
        TextTable t = new TextTable("model", "backend", "mode", "clients", "lines", "ms/1k tokens measured",
                "predicted", "fixed ms measured", "predicted").rightAlign(3, 4, 5, 6, 7, 8);
        for (PromptLengthFit f : fits) {
            String[] p = f.group().split(" ");
            t.row(p[0], p[1], p[2], f.clients(), f.lines(), fixed(f.measuredMsPer1kTokens()),
                    fixed(f.predictedMsPer1kTokens()), fixed(f.measuredFixedMs()), fixed(f.predictedFixedMs()));
        }
        return t.render();
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String groupTable(Map<String, ErrorSummary> groups, ErrorSummary all, String allLabel) {
        TextTable t = errorTable("model", "backend", "mode", "rows");
        groups.forEach((key, e) -> {
            String[] p = key.split(" ");
            errorRow(t, new Object[] {p[0], p[1], p[2], e.rows()}, e);
        });
        errorRow(t, new Object[] {allLabel, "", "", all.rows()}, all);
        return t.render();
    }

    private static TextTable errorTable(String... keys) {
        String[] headers = new String[keys.length + 6];
        System.arraycopy(keys, 0, headers, 0, keys.length);
        String[] errors = {"TTFT APE p50", "p90", "bias", "TPOT APE p50", "p90", "bias"};
        System.arraycopy(errors, 0, headers, keys.length, errors.length);
        int[] right = new int[errors.length + 1];
        for (int i = 0; i < right.length; i++) {
            right[i] = keys.length - 1 + i;
        }
        return new TextTable(headers).rightAlign(right);
    }

    private static void errorRow(TextTable t, Object[] keys, ErrorSummary e) {
        Object[] cells = new Object[keys.length + 6];
        System.arraycopy(keys, 0, cells, 0, keys.length);
        Object[] errors = {pct(e.ttftMedianApe()), pct(e.ttftP90Ape()), signed(e.ttftBias()),
            pct(e.tpotMedianApe()), pct(e.tpotP90Ape()), signed(e.tpotBias())};
        System.arraycopy(errors, 0, cells, keys.length, errors.length);
        t.row(cells);
    }

    /** A share as a percentage; "-" where nothing was predicted (never NaN). */
    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "-";
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.1f%%", 100 * v) : "-";
    }
}
