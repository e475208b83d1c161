package dev.plimsoll.gui.plan;

import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;

import java.util.Locale;

/** The text of the details pane for one picked deployment: pools, replicas, cost, bottleneck and why. */
public final class ProposalDetails {
    private ProposalDetails() {
    }

    public static String describe(PlanResult result, Proposal p) {
        StringBuilder sb = new StringBuilder();
        String kind = p.architecture().key();
        sb.append(kind).append(": ").append(p.describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "%d GPUs, %d replicas, %.2f USD/h, %.3f USD per million output tokens%n",
                p.gpus(), p.replicas(), p.costPerHour(), p.costPerMillionTokens()));
        Figures f = p.figures();
        int pct = result.request().sla().percentile();
        sb.append(String.format(Locale.ROOT,
                "%s: TTFT p%d %.1f ms, TPOT p%d %.2f ms, ITL p%d %.2f ms (mean %.2f ms), %.2f req/s, %.1f tokens/s/GPU, "
                        + "%.1f tokens/s/user%n",
                p.confirmed() ? "simulated" : "analytic", pct, f.ttftMs(), pct, f.tpotMs(), pct, f.itlMs(),
                f.itlMeanMs(), f.requestsPerS(), f.tokensPerSPerGpu(), f.tokensPerSPerUser()));
        sb.append("pools:\n");
        for (PoolPlan pool : p.pools()) {
            var c = pool.engine().candidate();
            sb.append(String.format(Locale.ROOT,
                    "  %-10s %d x %s %s (%d GPUs each), %s, KV %s, %s, max-num-seqs %d, token budget %d%s%n",
                    pool.role(), pool.workers(), c.gpu().id(), c.parallelism(), pool.gpusPerWorker(), c.quant().name(),
                    c.quant().kvCache().key(), c.backend().id(), pool.maxRunning(), c.tokenBudget(),
                    c.chunkedPrefill() ? ", chunked" : ""));
        }
        if (p.diagnosis() != null) {
            sb.append("bottleneck: ").append(p.diagnosis().bottleneck()).append("; limit: ")
                    .append(p.diagnosis().limit()).append('\n');
        }
        sb.append("why: ").append(why(result, p)).append('\n');
        if (p.note() != null && !p.note().isBlank()) {
            sb.append("simulation: ").append(p.note()).append('\n');
        }
        return sb.toString();
    }

    /** The planner's reason for a winner; the diagnosis sentence for any other point. */
    static String why(PlanResult r, Proposal p) {
        if (p.equals(r.bestAggregated()) && r.bestAggregatedReason() != null) {
            return r.bestAggregatedReason();
        }
        if (p.equals(r.bestDisaggregated()) && r.bestDisaggregatedReason() != null) {
            return r.bestDisaggregatedReason();
        }
        if (p.diagnosis() != null) {
            return "a point of the Pareto frontier; " + p.diagnosis().detail();
        }
        return "a point of the Pareto frontier";
    }
}
