package dev.plimsoll.cli.output;

import dev.plimsoll.optimizer.search.Confidence;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PercentileInterval;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.EngineConfig;

import java.util.List;
import java.util.Locale;

/** {@code plimsoll plan} for a terminal: the two winners with their pools and reasons, the frontier, the top list. */
public final class PlanTable {
    private PlanTable() {
    }

    public static String render(PlanResult r) {
        PlanRequest q = r.request();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "plan: %s on %s, %s, %s, %s, mode %s%n", q.model().id(), gpus(q),
                q.workload().description(), q.target().describe(), q.sla().describe(), q.mode().key()));
        sb.append(String.format(Locale.ROOT, "searched %d engine configurations (%d fit), %d deployments within the "
                        + "SLA by the analytic model, %d simulations; search %d ms%n", r.candidates(), r.fitted(),
                r.proposals(), r.simulations(), r.searchMs()));
        Proposal best = r.best();
        int pct = q.sla().percentile();
        boolean e2e = !Double.isInfinite(q.sla().e2eMs());
        winner(sb, "best aggregated", r.bestAggregated(), r.bestAggregatedReason(), best, pct, e2e);
        winner(sb, "best disaggregated", r.bestDisaggregated(), r.bestDisaggregatedReason(), best, pct, e2e);
        if (!r.frontier().isEmpty()) {
            sb.append("\nPareto frontier, tokens/s/user ascending (TTFT and ITL: simulated percentile and the upper"
                    + " bound of its interval):\n");
            sb.append(list(r.frontier(), r));
        }
        if (!r.top().isEmpty()) {
            sb.append("\ntop configurations:\n");
            sb.append(list(r.top(), r));
        }
        for (String n : r.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }

    private static void winner(StringBuilder sb, String title, Proposal p, String reason, Proposal best,
                               int percentile, boolean e2eBounded) {
        if (p == null) {
            return;
        }
        sb.append('\n').append(title).append(p == best ? " (best overall)" : "").append(": ").append(p.describe())
                .append('\n');
        Confidence ci = p.confidence();
        TextTable t = new TextTable("figure", "simulated", ci == null ? "" : ci.levelLabel(), "analytic")
                .rightAlign(1, 2, 3);
        Figures s = p.simulated();
        Figures a = p.analytic();
        row(t, "TTFT p" + percentile, s == null ? Double.NaN : s.ttftMs(), ci == null ? null : ci.ttft(), a.ttftMs(),
                "%.1f ms");
        row(t, "ITL p" + percentile, s == null ? Double.NaN : s.itlMs(), ci == null ? null : ci.itl(), a.itlMs(),
                "%.2f ms");
        if (e2eBounded) {
            row(t, "E2E p" + percentile, s == null ? Double.NaN : s.e2eMs(), ci == null ? null : ci.e2e(), a.e2eMs(),
                    "%.0f ms");
        }
        row(t, "ITL mean", s == null ? Double.NaN : s.itlMeanMs(), null, a.itlMeanMs(), "%.2f ms");
        row(t, "requests/s", s == null ? Double.NaN : s.requestsPerS(), null, a.requestsPerS(), "%.2f");
        row(t, "tokens/s/GPU", s == null ? Double.NaN : s.tokensPerSPerGpu(), null, a.tokensPerSPerGpu(), "%.1f");
        row(t, "tokens/s/user", s == null ? Double.NaN : s.tokensPerSPerUser(), null, a.tokensPerSPerUser(), "%.1f");
        sb.append(indent(t.render()));
        sb.append(String.format(Locale.ROOT, "  %d GPUs, %d workers, %.2f USD/h, %.3f USD per million output tokens%n",
                p.gpus(), p.replicas(), p.costPerHour(), p.costPerMillionTokens()));
        TextTable pools = new TextTable("pool", "workers", "GPU", "layout", "quant", "KV", "max-num-seqs",
                "token budget", "chunked", "cuda-graph-max-bs").rightAlign(1, 6, 7, 9);
        for (PoolPlan pool : p.pools()) {
            EngineCandidate c = pool.engine().candidate();
            EngineConfig e = pool.engineConfig();
            pools.row(pool.role(), pool.workers(), c.gpu().id(), c.parallelism() + " (" + pool.gpusPerWorker() + " GPUs)",
                    c.quant().name(), c.quant().kvCache().key(), e.maxRunningRequests(), e.maxBatchedTokens(),
                    e.chunkedPrefill() ? "yes" : "no", e.cudaGraphMaxBatch());
        }
        sb.append(indent(pools.render()));
        if (reason != null) {
            sb.append("  why: ").append(reason).append('\n');
        }
        if (!p.note().isEmpty()) {
            sb.append("  simulation: ").append(p.note()).append('\n');
        }
    }

    private static String list(List<Proposal> ps, PlanResult r) {
        TextTable t = new TextTable("mode", "layout", "GPUs", "tok/s/GPU", "tok/s/user", "TTFT ms", "ITL ms",
                "req/s", "USD/h", "USD/Mtok", "bottleneck", "figures").rightAlign(2, 3, 4, 5, 6, 7, 8, 9);
        StringBuilder variants = new StringBuilder();
        for (Proposal p : ps) {
            Figures f = p.figures();
            Confidence c = p.confidence();
            t.row(p.architecture().key(), p.describe(), p.gpus(), fmt("%.1f", f.tokensPerSPerGpu()),
                    fmt("%.1f", f.tokensPerSPerUser()), withHigh("%.1f", f.ttftMs(), c == null ? null : c.ttft()),
                    withHigh("%.2f", f.itlMs(), c == null ? null : c.itl()), fmt("%.2f", f.requestsPerS()),
                    fmt("%.2f", p.costPerHour()), fmt("%.3f", p.costPerMillionTokens()),
                    p.diagnosis() == null ? "" : p.diagnosis().bottleneck(), p.confirmed() ? "confirmed" : "analytic");
            List<String> v = r.variantsOf(p);
            if (!v.isEmpty() && ps == r.top()) {
                variants.append("  ").append(p.describe()).append(" (").append(p.variantLabel()).append(") also as: ")
                        .append(String.join("; ", v)).append('\n');
            }
        }
        return indent(t.render()) + variants;
    }

    /** "275.6 (<=289.0)": the simulated percentile and the upper bound of its interval. */
    private static String withHigh(String f, double v, PercentileInterval ci) {
        if (ci == null || Double.isNaN(ci.highMs())) {
            return fmt(f, v);
        }
        return fmt(f, v) + " (<=" + fmt(f, ci.highMs()) + ")";
    }

    private static void row(TextTable t, String name, double sim, PercentileInterval ci, double analytic,
                            String format) {
        String unit = format.endsWith(" ms") ? " ms" : "";
        String f = unit.isEmpty() ? format : format.substring(0, format.length() - 3);
        String interval = ci == null || Double.isNaN(ci.lowMs()) ? ""
                : fmt(f, Math.max(0, ci.lowMs())) + "-" + fmt(f, ci.highMs()) + unit;
        t.row(name, Double.isNaN(sim) ? "-" : fmt(f, sim) + unit, interval, fmt(f, analytic) + unit);
    }


    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private static String gpus(PlanRequest q) {
        StringBuilder sb = new StringBuilder();
        for (var g : q.gpus()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(g.id()).append(String.format(Locale.ROOT, " (%.2f USD/h)", g.pricePerGpuHourUsd()));
        }
        return sb.toString();
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }
}
