package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.analytic.Limit;
import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names what bounds a configuration: the KV cache when it stops the batch from growing, queueing
 * when waiting for prefill dominates time to first token, otherwise the resource that takes most
 * of a decode step (compute, memory bandwidth, communication, or launch and CPU overhead).
 */
public final class Diagnoser {
    private final PlanRequest request;

    public Diagnoser(PlanRequest request) {
        this.request = request;
    }

    /**
     * @param limit what failed first at a larger batch of the aggregated or decode engine; null when
     *              every batch of the grid met the SLA
     */
    public Diagnosis diagnose(Proposal p, Limit limit) {
        PoolPlan pool = p.architecture() == Architecture.AGGREGATED ? p.pool(PoolPlan.AGGREGATED)
                : p.pool(PoolPlan.DECODE);
        OperatingPoint op = p.point();
        int batch = Math.max(1, (int) Math.round(op.meanBatch()));
        long context = Math.round(request.workload().meanInputTokens() + request.workload().meanOutputTokens() / 2);
        List<OpTiming> ops = pool.engine().replica().stepModel().detail(StepBatch.decode(batch, context));
        Map<Bound, Double> ms = new EnumMap<>(Bound.class);
        double total = 0;
        for (OpTiming t : ops) {
            ms.merge(t.bound(), t.ms(), Double::sum);
            total += t.ms();
        }
        Bound dominant = Bound.OVERHEAD;
        for (Map.Entry<Bound, Double> e : ms.entrySet()) {
            if (e.getValue() > ms.getOrDefault(dominant, 0.0)) {
                dominant = e.getKey();
            }
        }
        String bottleneck;
        if (limit == Limit.KV_CAPACITY) {
            bottleneck = "kv_capacity";
        } else if (p.architecture() == Architecture.AGGREGATED && op.queueWaitMs() > 0.5 * op.prefillMs()
                && op.queueWaitMs() > 0) {
            bottleneck = "queueing";
        } else {
            bottleneck = key(dominant);
        }
        StringBuilder shares = new StringBuilder();
        for (Bound b : Bound.values()) {
            double v = ms.getOrDefault(b, 0.0);
            if (v > 0) {
                if (shares.length() > 0) {
                    shares.append(", ");
                }
                shares.append(String.format(Locale.ROOT, "%.0f%% %s", 100 * v / total, key(b).replace('_', ' ')));
            }
        }
        String detail = String.format(Locale.ROOT, "%s decode step %.2f ms at %d requests per rank (%s); %s",
                p.architecture() == Architecture.AGGREGATED ? "its" : "the decode pool's", total, batch, shares,
                limitText(limit, pool));
        if (bottleneck.equals("queueing")) {
            detail += String.format(Locale.ROOT, "; prefill queueing %.0f ms of a %.0f ms TTFT", op.queueWaitMs(),
                    op.ttftMs());
        }
        return new Diagnosis(bottleneck, limit == null ? "max_batch" : limit.key(), detail);
    }

    private String limitText(Limit limit, PoolPlan pool) {
        SlaTarget sla = request.sla();
        if (limit == null) {
            return "the largest batch searched still meets the SLA";
        }
        switch (limit) {
            case ITL_SLA:
                return String.format(Locale.ROOT, "a larger batch per worker would break ITL p%d <= %.0f ms",
                        sla.percentile(), sla.itlMs());
            case TPOT_SLA:
                return String.format(Locale.ROOT, "a larger batch per worker would break TPOT p%d <= %.0f ms",
                        sla.percentile(), sla.tpotMs());
            case TTFT_SLA:
                return String.format(Locale.ROOT, "a larger batch per worker would break TTFT p%d <= %.0f ms",
                        sla.percentile(), sla.ttftMs());
            case E2E_SLA:
                return "a larger batch per worker would break the end-to-end bound";
            case KV_CAPACITY:
                return String.format(Locale.ROOT, "its KV cache (%,d tokens per rank) holds no larger batch",
                        pool.engine().kvTokensPerRank());
            case PREFILL_SATURATED:
                return "at a larger batch prompts would arrive faster than it prefills them";
            case TOKEN_BUDGET:
                return "a larger batch would leave no room for prompt chunks in the token budget";
            default:
                return "it runs at its largest batch";
        }
    }

    static String key(Bound b) {
        switch (b) {
            case COMPUTE:
                return "compute";
            case MEMORY:
                return "memory_bandwidth";
            case COMMUNICATION:
                return "communication";
            default:
                return "overhead";
        }
    }
}
