package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.validate.ErrorSummary;
import dev.plimsoll.perfmodel.validate.ValidationReport;

import java.util.Locale;

/** Human-readable {@code plimsoll validate --measured} report. */
public final class ValidationTable {
    private ValidationTable() {
    }

    public static String render(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d deployments, %d predicted (coverage %.1f%%)%n%n", r.rows(),
                r.covered(), 100 * r.coverage()));
        TextTable t = new TextTable("model", "backend", "mode", "rows", "TTFT APE p50", "p90", "bias",
                "TPOT APE p50", "p90", "bias").rightAlign(3, 4, 5, 6, 7, 8, 9);
        r.groups().forEach((key, e) -> {
            String[] p = key.split(" ");
            row(t, p[0], p[1], p[2], e);
        });
        row(t, "all", "", "", r.overall());
        sb.append(t.render());
        if (!r.uncovered().isEmpty()) {
            sb.append('\n').append(r.uncovered().size()).append(" not predicted:\n");
            for (ValidationReport.Uncovered u : r.uncovered()) {
                sb.append("  line ").append(u.line()).append(' ').append(u.id()).append(": ").append(u.reason())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void row(TextTable t, String model, String backend, String mode, ErrorSummary e) {
        t.row(model, backend, mode, e.rows(), pct(e.ttftMedianApe()), pct(e.ttftP90Ape()), signed(e.ttftBias()),
                pct(e.tpotMedianApe()), pct(e.tpotP90Ape()), signed(e.tpotBias()));
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * v);
    }
}
