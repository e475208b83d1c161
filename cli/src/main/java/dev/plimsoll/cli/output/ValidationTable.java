package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.validate.ErrorSummary;
import dev.plimsoll.perfmodel.validate.Scorecard;
import dev.plimsoll.perfmodel.validate.ValidationReport;

import java.util.Locale;
import java.util.Map;

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
        if (under.covered() > 0) {
            sb.append("\nunderspecified rows (worker counts or concurrency not recorded; scored under the stated "
                    + "assumption):\n");
            sb.append(groupTable(under.groups(), under.overall(), "underspecified"));
        }
        if (!r.uncovered().isEmpty()) {
            sb.append('\n').append(r.uncovered().size()).append(" not predicted:\n");
            for (ValidationReport.Uncovered u : r.uncovered()) {
                sb.append("  line ").append(u.line()).append(' ').append(u.id()).append(": ").append(u.reason())
                        .append('\n');
            }
        }
        return sb.toString();
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

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }
}
