package dev.plimsoll.cli.output;

import dev.plimsoll.optimizer.search.Confidence;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PercentileInterval;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.EngineConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code plimsoll plan} for a terminal: the two winners with their figures, pools and reasons, the
 * frontier, the top list. Fits {@code width} columns: prose wraps, and the lists leave out their
 * least important columns ({@code --wide} keeps everything on long lines). Every latency names its
 * metric and percentile (TTFT, TPOT: a request's mean time per output token, ITL: each gap).
 */
public final class PlanTable {
    private PlanTable() {
    }

    public static String render(PlanResult r) {
        return render(r, Wrap.WIDTH, r.notes());
    }

    /** The plan at {@code width} columns ({@link Wrap#UNLIMITED} for {@code --wide}), ending with {@code notes}. */
    public static String render(PlanResult r, int width, List<String> notes) {
        PlanRequest q = r.request();
        StringBuilder sb = new StringBuilder();
        sb.append(Wrap.prefixed("plan: ", String.format(Locale.ROOT, "%s on %s, %s, %s, %s, mode %s", q.model().id(),
                gpus(q), q.workload().description(), q.target().describe(), q.sla().describe(), q.mode().key()),
                width));
        sb.append(Wrap.prefixed("", String.format(Locale.ROOT, "searched %d engine configurations (%d fit), %d "
                        + "deployments within the SLA by the analytic model, %d simulations; search %d ms",
                r.candidates(), r.fitted(), r.proposals(), r.simulations(), r.searchMs()), width));
        Proposal best = r.best();
        boolean routers = q.space().confirmation().routers().size() > 1;
        winner(sb, "best aggregated", r.bestAggregated(), r.bestAggregatedReason(), best, q.sla(), width, routers);
        winner(sb, "best disaggregated", r.bestDisaggregated(), r.bestDisaggregatedReason(), best, q.sla(), width,
                routers);
        boolean wide = width == Wrap.UNLIMITED;
        if (!r.frontier().isEmpty()) {
            sb.append(wide ? "\nPareto frontier, tokens/s/user ascending (TTFT and ITL: simulated percentile and "
                    + "the upper bound of its interval):\n" : "\nPareto frontier, tokens/s/user ascending:\n");
            sb.append(list(r.frontier(), r, width));
        }
        if (!r.top().isEmpty()) {
            sb.append("\ntop configurations:\n");
            sb.append(list(r.top(), r, width));
        }
        if ((!r.frontier().isEmpty() || !r.top().isEmpty()) && !wide) {
            sb.append(Wrap.prefixed("", String.format(Locale.ROOT, "(latencies in ms at p%d; nP + nD: prefill and "
                    + "decode workers; --wide for every column)", q.sla().percentile()), width));
        }
        for (String n : notes) {
            sb.append(Wrap.prefixed("note: ", n, width));
        }
        return sb.toString();
    }

    private static void winner(StringBuilder sb, String title, Proposal p, String reason, Proposal best, SlaTarget sla,
                               int width, boolean routersSearched) {
        if (p == null) {
            return;
        }
        sb.append('\n').append(Wrap.prefixed("", title + (p == best ? " (best overall)" : "") + ": " + p.describe()
                + ", " + engines(p), width));
        Confidence ci = p.confidence();
        TextTable t = new TextTable("figure", "simulated", ci == null ? "" : ci.levelLabel(), "analytic")
                .rightAlign(1, 2, 3);
        Figures s = p.simulated();
        Figures a = p.analytic();
        int pct = sla.percentile();
        row(t, "TTFT p" + pct, s == null ? Double.NaN : s.ttftMs(), ci == null ? null : ci.ttft(), a.ttftMs(),
                "%.1f ms");
        row(t, "TPOT p" + pct, s == null ? Double.NaN : s.tpotMs(), null, a.tpotMs(), "%.2f ms");
        row(t, "ITL p" + pct, s == null ? Double.NaN : s.itlMs(), ci == null ? null : ci.itl(), a.itlMs(), "%.2f ms");
        if (Double.isFinite(sla.e2eMs())) {
            row(t, "E2E p" + pct, s == null ? Double.NaN : s.e2eMs(), ci == null ? null : ci.e2e(), a.e2eMs(),
                    "%.0f ms");
        }
        row(t, "ITL mean", s == null ? Double.NaN : s.itlMeanMs(), null, a.itlMeanMs(), "%.2f ms");
        row(t, "requests/s", s == null ? Double.NaN : s.requestsPerS(), null, a.requestsPerS(), "%.2f");
        row(t, "tokens/s/GPU", s == null ? Double.NaN : s.tokensPerSPerGpu(), null, a.tokensPerSPerGpu(), "%.1f");
        row(t, "tokens/s/user", s == null ? Double.NaN : s.tokensPerSPerUser(), null, a.tokensPerSPerUser(), "%.1f");
        sb.append(indent(t.render()));
        sb.append(String.format(Locale.ROOT, "  %d GPUs, %d workers, %.2f USD/h, %.3f USD per million output tokens%n",
                p.gpus(), p.replicas(), p.costPerHour(), p.costPerMillionTokens()));
        FittingTable pools = new FittingTable()
                .column("pool", false, 0).column("workers", true, 0).column("GPU", false, 0)
                .column("layout", false, 0).column("GPUs", true, 0).column("engine", false, 0)
                .column("quant", false, 0).column("KV", false, 0).column("max-num-seqs", true, 0)
                .column("token budget", true, 0).column("chunked", false, 2).column("cuda-graph-max-bs", true, 1);
        for (PoolPlan pool : p.pools()) {
            EngineCandidate c = pool.engine().candidate();
            EngineConfig e = pool.engineConfig();
            pools.row(pool.role(), pool.workers(), c.gpu().id(), c.parallelism(), pool.gpusPerWorker(),
                    c.backend().id(), c.quant().name(), c.quant().kvCache().key(), e.maxRunningRequests(),
                    e.maxBatchedTokens(), e.chunkedPrefill() ? "yes" : "no", e.cudaGraphMaxBatch());
        }
        sb.append(indent(pools.render(width - 2)));
        if (reason != null) {
            sb.append(Wrap.prefixed("  why: ", reason, width));
        }
        if (!p.note().isEmpty()) {
            sb.append(Wrap.prefixed("  simulation: ", p.note(), width));
        }
        if (routersSearched || p.routing().kvAware()) {
            sb.append(Wrap.prefixed("  router: ", router(p.routing()), width));
        }
    }

    /** The router a winner was confirmed behind and the Dynamo frontend flags that set it. */
    static String router(Routing r) {
        return r.kvAware() ? r.label() + " (Dynamo frontend --router-mode kv --kv-overlap-score-weight "
                + r.weightText() + ")" : "round-robin (Dynamo frontend default)";
    }

    /**
     * A frontier or top list. Always: layout, engine, GPUs, tokens/s per GPU and per user, TTFT, the
     * bounded per-token latencies and USD/h; left out first when the width is short: the
     * bottleneck, USD per million tokens, requests/s, and per-token latencies without a bound.
     */
    private static String list(List<Proposal> ps, PlanResult r, int width) {
        SlaTarget sla = r.request().sla();
        boolean wide = width == Wrap.UNLIMITED;
        String ms = wide ? " ms" : "";
        // one engine throughout: the winners' titles name it, and the column may go
        boolean oneEngine = ps.stream().map(PlanTable::engines).distinct().count() == 1;
        FittingTable t = new FittingTable()
                .column("layout", false, 0).column("engine", false, oneEngine ? 2 : 0).column("GPUs", true, 0)
                .column("tok/s/GPU", true, 0).column("tok/s/user", true, 0).column("TTFT" + ms, true, 0)
                .column("TPOT" + ms, true, Double.isFinite(sla.tpotMs()) ? 0 : 3)
                .column("ITL" + ms, true, Double.isFinite(sla.itlMs()) ? 0 : 4)
                .column("req/s", true, 5).column("USD/h", true, 0).column("USD/Mtok", true, 6)
                .column("bottleneck", false, 7).column("figures", false, 1);
        StringBuilder variants = new StringBuilder();
        for (Proposal p : ps) {
            Figures f = p.figures();
            Confidence c = p.confidence();
            // the figures column goes first when the width is short: a star keeps the analytic rows told apart
            t.row(wide ? p.describe() : compactLayout(p) + (p.confirmed() ? "" : " *"), engines(p), p.gpus(), fmt("%.1f", f.tokensPerSPerGpu()),
                    fmt("%.1f", f.tokensPerSPerUser()),
                    // the interval's upper bound only where the line may be long; the winners' tables show it always
                    wide ? withHigh("%.1f", f.ttftMs(), c == null ? null : c.ttft()) : fmt("%.1f", f.ttftMs()),
                    fmt("%.2f", f.tpotMs()),
                    wide ? withHigh("%.2f", f.itlMs(), c == null ? null : c.itl()) : fmt("%.2f", f.itlMs()),
                    fmt("%.2f", f.requestsPerS()), fmt("%.2f", p.costPerHour()),
                    fmt("%.3f", p.costPerMillionTokens()), p.diagnosis() == null ? "" : p.diagnosis().bottleneck(),
                    p.confirmed() ? "confirmed" : "analytic");
            List<String> v = r.variantsOf(p);
            if (!v.isEmpty() && ps == r.top()) {
                variants.append(Wrap.prefixed("  ", p.describe() + " (" + p.variantLabel() + ") also as: "
                        + String.join("; ", v), width));
            }
        }
        return indent(t.render(width - 2)) + variants;
    }

    /** "275.6 (<=289.0)": the simulated percentile and the upper bound of its interval. */
    private static String withHigh(String f, double v, PercentileInterval ci) {
        if (ci == null || Double.isNaN(ci.highMs())) {
            return fmt(f, v);
        }
        return fmt(f, v) + " (<=" + fmt(f, ci.highMs()) + ")";
    }

    /** "5 x b200-sxm tp1", or "3P b200-sxm tp1 + 1D h200-sxm tp2" for prefill and decode pools. */
    static String compactLayout(Proposal p) {
        StringBuilder sb = new StringBuilder();
        for (PoolPlan pool : p.pools()) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            EngineCandidate c = pool.engine().candidate();
            sb.append(pool.workers());
            if (pool.role().equals(PoolPlan.AGGREGATED)) {
                sb.append(" x");
            } else {
                sb.append(Character.toUpperCase(pool.role().charAt(0)));
            }
            sb.append(' ').append(c.gpu().id()).append(' ').append(c.parallelism());
        }
        return sb.toString();
    }

    /** The serving engine of a proposal's pools: "vllm", or "sglang/vllm" if they differ. */
    static String engines(Proposal p) {
        Set<String> ids = new LinkedHashSet<>();
        for (PoolPlan pool : p.pools()) {
            ids.add(pool.engine().candidate().backend().id());
        }
        return String.join("/", ids);
    }

    private static void row(TextTable t, String name, double sim, PercentileInterval ci, double analytic,
                            String format) {
        String unit = format.endsWith(" ms") ? " ms" : "";
        String f = unit.isEmpty() ? format : format.substring(0, format.length() - 3);
        String interval = ci == null || Double.isNaN(ci.lowMs()) ? ""
                : fmt(f, Math.max(0, ci.lowMs())) + "-" + fmt(f, ci.highMs()) + unit;
        t.row(name, Double.isFinite(sim) ? fmt(f, sim) + unit : "-", interval, Double.isFinite(analytic)
                ? fmt(f, analytic) + unit : "-");
    }

    private static String fmt(String f, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "-";
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
