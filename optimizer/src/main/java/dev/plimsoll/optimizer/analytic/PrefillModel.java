package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;

/**
 * A prefill worker of a disaggregated deployment: it computes prompts (after the cached prefix) in
 * chunks of its token budget, several short prompts per step when they fit, and hands each
 * request's KV to a decode worker. As a queue it is an M/D/1 server per attention-DP rank whose
 * service time is the step time per prompt at full batching; a request's own latency is the
 * steps of its prompt at the batch it shares.
 */
public final class PrefillModel {
    private final BuiltEngine engine;
    private final SlaTarget sla;
    /** Requests per ms one worker completes when saturated. */
    private final double capacityPerMs;
    /** Time from the start of a request's prefill to its last chunk's end, at the SLA quantile prompt. */
    private final double latencyMs;
    private final double serviceMs;
    /** Workers added past saturation while looking for the TTFT bound; queueing vanishes well before. */
    private static final int MAX_EXTRA_WORKERS = 64;

    public PrefillModel(BuiltEngine engine, WorkloadSpec w, SlaTarget sla) {
        this.engine = engine;
        this.sla = sla;
        StepTimeModel steps = engine.steps();
        double cached = engine.prefixCaching() ? w.meanCachedTokens() : 0.0;
        int budget = engine.candidate().tokenBudget();
        boolean chunked = engine.candidate().chunkedPrefill();
        double tokens = Math.max(1.0, w.meanInputTokens() - cached);
        double tokensQ = Math.max(1.0, w.inputQuantile(sla.quantile()) - cached);
        long prefix = Math.round(cached);
        int perStep = tokens <= budget ? Math.max(1, (int) Math.floor(budget / tokens)) : 1;
        double stepMs;
        if (perStep > 1) {
            stepMs = steps.stepMs(new StepBatch(perStep, (int) Math.ceil(tokens), prefix, 0, 0));
        } else {
            stepMs = chunkedPrefillMs(steps, tokens, chunked ? budget : Integer.MAX_VALUE, prefix);
        }
        this.serviceMs = stepMs / perStep;
        this.capacityPerMs = engine.ranks() / serviceMs;
        double own = chunkedPrefillMs(steps, tokensQ, chunked ? budget : Integer.MAX_VALUE, prefix);
        // a prompt that shares its step with others waits for the whole step
        this.latencyMs = Math.max(own, perStep > 1 ? stepMs : 0.0);
    }

    private static double chunkedPrefillMs(StepTimeModel steps, double tokens, int budget, long prefix) {
        int chunks = Math.max(1, (int) Math.ceil(tokens / budget - 1e-9));
        int chunk = (int) Math.ceil(tokens / chunks);
        double ms = 0;
        for (int c = 0; c < chunks; c++) {
            ms += steps.stepMs(new StepBatch(1, chunk, prefix + (long) c * chunk, 0, 0));
        }
        return ms;
    }

    public BuiltEngine engine() {
        return engine;
    }

    /** Requests per second one worker completes when saturated. */
    public double capacityPerS() {
        return capacityPerMs * 1000.0;
    }

    /** Prefill latency of a request at the SLA quantile once it starts. */
    public double latencyMs() {
        return latencyMs;
    }

    /** Servers of a pool of {@code workers}: every attention-DP rank prefills on its own. */
    private int servers(int workers) {
        return workers * engine.ranks();
    }

    /** Queueing at the SLA quantile with {@code ratePerS} arriving at a pool of {@code workers}. */
    public double waitMs(double ratePerS, int workers) {
        return QueueModel.waitQuantileMs(servers(workers), serviceMs, ratePerS / 1000.0, sla.quantile());
    }

    public double meanWaitMs(double ratePerS, int workers) {
        return QueueModel.meanWaitMs(servers(workers), serviceMs, ratePerS / 1000.0);
    }

    /**
     * The fewest workers whose queueing plus prefill stays within {@code budgetMs} at the SLA
     * quantile under {@code ratePerS}; 0 when the prefill alone exceeds it.
     */
    public int workersFor(double ratePerS, double budgetMs) {
        if (latencyMs > budgetMs) {
            return 0;
        }
        int x = Math.max(1, (int) Math.ceil(ratePerS / capacityPerS() - 1e-9));
        for (int i = 0; i < MAX_EXTRA_WORKERS; i++, x++) {
            if (waitMs(ratePerS, x) + latencyMs <= budgetMs) {
                return x;
            }
        }
        return 0;
    }

    /**
     * The largest rate a pool of {@code workers} takes while queueing plus prefill stays within
     * {@code budgetMs} at the SLA quantile; 0 when the prefill alone exceeds it.
     */
    public double maxRatePerS(int workers, double budgetMs) {
        if (latencyMs > budgetMs) {
            return 0.0;
        }
        double lo = 0;
        double hi = workers * capacityPerS();
        for (int i = 0; i < 40; i++) {
            double mid = 0.5 * (lo + hi);
            if (waitMs(mid, workers) + latencyMs <= budgetMs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
