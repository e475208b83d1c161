package dev.plimsoll.perfmodel.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A group's TTFT split into what grows with the prompt and what does not, measured and predicted.
 * At the group's lightest load (the fewest clients at which one of its deployments was measured
 * with two or more prompt lengths, so that queueing adds least), the rows of each deployment (engine
 * version, pool layouts) that differ only in their prompt length (and output length) are fitted with
 * a least-squares line, TTFT = fixed + slope x ISL; a group reports the medians of its lines. The
 * slope is the prefill's cost per prompt token (kernel pricing, chunking, queueing that grows with
 * the prompt); the fixed part is what a request pays whatever its length (host work of the engine's
 * eager prefill steps, the request path, waiting for the step in flight). A predicted slope that
 * matches the measured one with a fixed part that does not says the kernel tables are not what is
 * off.
 *
 * @param group                   model, backend and mode ({@link MeasuredDeployment#group()})
 * @param clients                 the lightest load: clients of the fitted rows
 * @param lines                   deployments fitted at the group's lightest load
 * @param measuredMsPer1kTokens   median measured slope, ms per 1,000 prompt tokens
 * @param predictedMsPer1kTokens  median predicted slope
 * @param measuredFixedMs         median measured fixed part, ms
 * @param predictedFixedMs        median predicted fixed part
 */
public record PromptLengthFit(String group, int clients, int lines, double measuredMsPer1kTokens,
                              double predictedMsPer1kTokens, double measuredFixedMs, double predictedFixedMs) {

    /** Prompt tokens per unit of the reported slope. */
    static final double TOKENS_PER_UNIT = 1000.0;

    /**
     * The fits of the fully specified predictions, per group in first-seen order; groups without a
     * deployment measured at two or more prompt lengths are left out.
     */
    public static List<PromptLengthFit> of(List<RowPrediction> predictions) {
        Map<String, TreeMap<Integer, Map<Deployment, List<RowPrediction>>>> byGroup = new LinkedHashMap<>();
        for (RowPrediction p : predictions) {
            if (!p.row().underspecified()) {
                byGroup.computeIfAbsent(p.group(), k -> new TreeMap<>())
                        .computeIfAbsent(p.row().concurrency(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Deployment.of(p.row()), k -> new ArrayList<>()).add(p);
            }
        }
        List<PromptLengthFit> fits = new ArrayList<>();
        byGroup.forEach((group, byLoad) -> {
            List<Line> measured = new ArrayList<>();
            List<Line> predicted = new ArrayList<>();
            int clients = 0;
            for (Map.Entry<Integer, Map<Deployment, List<RowPrediction>>> load : byLoad.entrySet()) {
                for (List<RowPrediction> rows : load.getValue().values()) {
                    if (rows.stream().mapToInt(p -> p.row().isl()).distinct().count() >= 2) {
                        measured.add(Line.fit(rows, p -> p.row().ttftMs()));
                        predicted.add(Line.fit(rows, RowPrediction::predictedTtftMs));
                    }
                }
                if (!measured.isEmpty()) {
                    clients = load.getKey();
                    break;
                }
            }
            if (!measured.isEmpty()) {
                fits.add(new PromptLengthFit(group, clients, measured.size(), median(measured, Line::slope),
                        median(predicted, Line::slope), median(measured, Line::intercept),
                        median(predicted, Line::intercept)));
            }
        });
        return fits;
    }

    private static double median(List<Line> lines, ToDoubleFunction<Line> f) {
        return ErrorSummary.quantile(lines.stream().mapToDouble(f).toArray(), 0.5);
    }

    /** One deployment: engine version and pool layouts (the running batch, which follows the load, left out). */
    private record Deployment(String version, String agg, String prefill, String decode) {
        static Deployment of(MeasuredDeployment row) {
            return new Deployment(Objects.requireNonNullElse(row.backendVersion(), ""), layout(row.agg()),
                    layout(row.prefill()), layout(row.decode()));
        }

        private static String layout(PoolLayout pool) {
            return pool == null ? "" : pool + " moe_tp" + pool.moeTp();
        }
    }

    /** TTFT = intercept + slope x (ISL / {@value #TOKENS_PER_UNIT}), least squares. */
    private record Line(double slope, double intercept) {
        static Line fit(List<RowPrediction> rows, ToDoubleFunction<RowPrediction> ttft) {
            int n = rows.size();
            double meanX = 0;
            double meanY = 0;
            for (RowPrediction p : rows) {
                meanX += p.row().isl() / TOKENS_PER_UNIT / n;
                meanY += ttft.applyAsDouble(p) / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (RowPrediction p : rows) {
                double dx = p.row().isl() / TOKENS_PER_UNIT - meanX;
                sxy += dx * (ttft.applyAsDouble(p) - meanY);
                sxx += dx * dx;
            }
            double slope = sxy / sxx;
            return new Line(slope, meanY - slope * meanX);
        }
    }
}
