package dev.plimsoll.cli.output;

import dev.plimsoll.cli.simulate.DeploymentPlan;
import dev.plimsoll.cli.simulate.PoolPlan;
import dev.plimsoll.cli.simulate.SimulationReport;
import dev.plimsoll.cli.simulate.SlaVerdict;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.LatencyStats;
import dev.plimsoll.perfmodel.sim.PoolStats;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Human-readable {@code plimsoll simulate} output; a figure the run could not measure prints as "-", never NaN. */
public final class SimulateTable {
    private SimulateTable() {
    }

    public static String render(SimulationReport report) {
        SimulationResult r = report.result();
        DeploymentPlan plan = report.plan();
        StringBuilder sb = new StringBuilder();
        sb.append(fleet(report.model(), plan));
        for (PoolPlan p : plan.pools()) {
            sb.append(engine(p));
        }
        sb.append("workload: ").append(r.workload()).append('\n');
        sb.append(String.format(Locale.ROOT, "simulated %s: %d requests, %d measured, %d rejected, %d unfinished%n%n",
                seconds(r.simulatedMs()), r.requests(), r.measuredRequests(), r.rejectedRequests(),
                r.unfinishedRequests()));

        TextTable latency = new TextTable("latency (ms)", "mean", "p50", "p90", "p99", "max").rightAlign(1, 2, 3, 4, 5);
        latency(latency, "TTFT", r.ttft());
        latency(latency, "ITL", r.itl());
        latency(latency, "TPOT", r.tpot());
        latency(latency, "end-to-end", r.e2e());
        if (plan.disaggregated()) {
            latency(latency, "KV transfer", r.kvTransfer());
            latency(latency, "decode queue", r.decodeQueue());
        }
        sb.append(latency.render()).append('\n');

        sb.append(String.format(Locale.ROOT, "throughput: %s req/s, %s output tok/s (%s per GPU), %s input tok/s%n",
                num("%.2f", r.requestsPerS()), num("%,.1f", r.outputTokensPerS()),
                num("%,.1f", r.outputTokensPerS() / plan.gpus()), num("%,.1f", r.inputTokensPerS())));
        if (report.hasSla()) {
            SlaTarget t = report.verdict().target();
            sb.append(Wrap.prefixed("goodput: ", String.format(Locale.ROOT, "%s req/s meeting %s; attainment %s %%%s",
                    num("%.2f", r.goodputPerS()), targets(t), num("%.1f", 100 * r.slaAttainment()),
                    Double.isFinite(t.itlMs()) ? " (ITL, one sample per token, has no per-request bound: the "
                            + "verdict holds its p" + t.percentile() + ")" : ""), Wrap.WIDTH));
            sb.append(verdict(report.verdict(), r));
        }
        if (r.meanTokensPerStep() > 1.0 + 1e-9) {
            sb.append(String.format(Locale.ROOT, "speculative decoding: %.2f tokens per decode step%n",
                    r.meanTokensPerStep()));
        }
        double usdPerMTok = SimulateJson.usdPerMillionOutputTokens(plan, r);
        sb.append(String.format(Locale.ROOT, "cost: %d GPU%s, $%.2f/h, %s%n%n", plan.gpus(),
                plan.gpus() == 1 ? "" : "s", plan.costPerHourUsd(), Double.isFinite(usdPerMTok)
                        ? String.format(Locale.ROOT, "$%.3f per million output tokens", usdPerMTok)
                        : "no output tokens measured to price"));

        TextTable pools = new TextTable("pool", "replicas", "GPU busy", "KV mean", "KV peak", "queue", "steps",
                "preemptions", "prefix hit").rightAlign(1, 2, 3, 4, 5, 6, 7, 8);
        for (PoolStats p : r.pools()) {
            pools.row(p.pool(), p.workers(), pct(p.gpuUtilisation()), pct(p.meanKvUsage()), pct(p.peakKvUsage()),
                    String.format(Locale.ROOT, "%.2f", p.meanQueueLength()), String.format(Locale.ROOT, "%,d", p.steps()),
                    p.preemptions(), pct(p.prefixHitRate()));
        }
        sb.append(pools.render());
        sb.append("(GPU busy: share of the run a replica spent in steps; queue: mean requests waiting per replica)\n");
        if (!r.kvTiers().isEmpty()) {
            sb.append('\n').append(KvTierTable.render(plan, r, report.gpuOnly()));
        }
        for (String warning : report.warnings()) {
            sb.append(Wrap.prefixed("warning: ", warning, Wrap.WIDTH));
        }
        if (report.timeSeriesFile() != null) {
            sb.append(String.format(Locale.ROOT, "note: time series: %d samples written to %s%n",
                    r.timeSeries().size(), report.timeSeriesFile()));
        }
        return sb.toString();
    }

    private static String fleet(String model, DeploymentPlan plan) {
        StringBuilder sb = new StringBuilder(model).append(", ");
        if (!plan.disaggregated()) {
            PoolPlan p = plan.pools().get(0);
            sb.append("aggregated: ").append(pool(p));
        } else {
            PoolPlan p = plan.pools().get(0);
            PoolPlan d = plan.pools().get(1);
            sb.append(String.format(Locale.ROOT, "disaggregated %s: prefill %s; decode %s; KV over %s (%.0f GB/s)",
                    plan.deployment().key(), pool(p), pool(d), plan.kvLink().path(),
                    plan.kvLink().link().bandwidthBytesPerS() / 1e9));
        }
        sb.append(String.format(Locale.ROOT, "; %d GPU%s%n", plan.gpus(), plan.gpus() == 1 ? "" : "s"));
        return sb.toString();
    }

    /** "2 replicas x tp4 (4 x h100-sxm each)". */
    private static String pool(PoolPlan p) {
        return String.format(Locale.ROOT, "%d replica%s x %s (%d x %s%s)", p.workers(), p.workers() == 1 ? "" : "s",
                p.replica().spec().parallelism(), p.replica().gpus(), p.replica().spec().gpu().id(),
                p.workers() == 1 ? "" : " each");
    }

    private static String engine(PoolPlan p) {
        EngineConfig e = p.engine();
        var q = p.replica().quant();
        StringBuilder sb = new StringBuilder(p.role()).append(": ").append(p.replica().spec().backend().id());
        sb.append(String.format(Locale.ROOT, ", %s (linear %s, kv %s), ", q.scheme().name(), q.linear().tableLabel(),
                q.kvCache().key()));
        sb.append(e.cudaGraphMaxBatch() > 0 ? "CUDA graphs <= " + e.cudaGraphMaxBatch() : "eager");
        sb.append(String.format(Locale.ROOT, ", KV %,d tokens per rank%n  max-num-seqs %d, max-num-batched-tokens %d",
                e.kvCapacityTokens(), e.maxRunningRequests(), e.maxBatchedTokens()));
        if (e.maxPrefillTokens() > 0) {
            sb.append(", max-prefill-tokens ").append(e.maxPrefillTokens());
        }
        sb.append(e.chunkedPrefill() ? ", chunked prefill" : ", no chunked prefill");
        sb.append(e.prefixCaching() ? ", prefix caching" : ", no prefix caching");
        sb.append(", block ").append(e.blockTokens());
        if (e.speculative().enabled()) {
            sb.append(String.format(Locale.ROOT, ", EAGLE %d drafts at %.2f acceptance", e.speculative().draftTokens(),
                    e.speculative().acceptanceRate()));
        }
        return sb.append('\n').toString();
    }

    private static void latency(TextTable t, String name, LatencyStats s) {
        if (s.count() == 0) {
            t.row(name, "-", "-", "-", "-", "-");
            return;
        }
        t.row(name, ms(s.meanMs()), ms(s.p50Ms()), ms(s.p90Ms()), ms(s.p99Ms()), ms(s.maxMs()));
    }

    /**
     * The per-request bounds goodput counts, as vLLM bench's {@code --goodput} does: TTFT, TPOT and
     * end-to-end latency ("every request" when none is given). ITL is one sample per token, so it
     * has no per-request bound; the verdict holds its percentile.
     */
    private static String targets(SlaTarget t) {
        List<String> parts = new ArrayList<>();
        if (Double.isFinite(t.ttftMs())) {
            parts.add("TTFT <= " + ms(t.ttftMs()) + " ms");
        }
        if (Double.isFinite(t.tpotMs())) {
            parts.add("TPOT <= " + ms(t.tpotMs()) + " ms");
        }
        if (Double.isFinite(t.e2eMs())) {
            parts.add("E2E <= " + ms(t.e2eMs()) + " ms");
        }
        return parts.isEmpty() ? "no per-request bound (every finished request)" : String.join(", ", parts);
    }

    private static String verdict(SlaVerdict v, SimulationResult r) {
        List<String> parts = new ArrayList<>();
        for (SlaVerdict.Check c : v.checks()) {
            parts.add(c.metric() + " " + ms(c.valueMs()) + " ms " + (c.within() ? "<=" : ">") + " " + ms(c.boundMs()));
        }
        String outcome = v.met() ? "met" : "missed";
        if (v.lost() > 0) {
            outcome += " (" + v.lost() + " requests rejected or unfinished)";
        } else if (r.measuredRequests() == 0) {
            outcome += " (no request measured)";
        }
        return Wrap.prefixed("", String.format(Locale.ROOT, "SLA at p%d: %s: %s", v.percentile(),
                String.join(", ", parts), outcome), Wrap.WIDTH);
    }

    private static String num(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.2f", v);
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
