package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.sim.CachedStepTimes;

/**
 * A decode worker of a disaggregated deployment: it only decodes, so every token costs one decode
 * step of the running batch, and a request occupies the batch for OSL - 1 steps. The running batch
 * of an open-loop load fluctuates like a Poisson count around its mean; the ITL percentile is the
 * step at {@code B + z_q sqrt(B)}. A request's TPOT averages the steps of its lifetime, over which
 * the batch of an M/D/infinity queue varies with variance {@code 2B/3} (the occupancy's
 * autocovariance {@code B (1 - t/S)} averaged over one service time {@code S}); its percentile is
 * the step at {@code B + z_q sqrt(2B/3)}. Each request holds its whole prompt and output in the KV pool
 * (transferred blocks are not shared through the prefix cache).
 *
 * <p>Memoises step times (token counts within 0.8 %); one instance per thread.
 */
public final class DecodeModel {
    private final BuiltEngine engine;
    private final SpeculativeSteps speculative;
    private final SlaTarget sla;
    private final boolean openLoop;
    private final double osl;
    private final long context;
    private final double requestKvTokens;

    public DecodeModel(BuiltEngine engine, WorkloadSpec w, SlaTarget sla, boolean openLoop) {
        this.engine = engine;
        this.speculative = new SpeculativeSteps(new CachedStepTimes(engine.steps()), engine.candidate().speculative());
        this.sla = sla;
        this.openLoop = openLoop;
        this.osl = w.meanOutputTokens();
        this.context = Math.round(w.meanInputTokens() + osl / 2.0);
        this.requestKvTokens = w.meanInputTokens() + osl;
    }

    public BuiltEngine engine() {
        return engine;
    }

    /**
     * The decode worker at mean batch {@code meanBatch} per rank. TTFT fields are zero: the
     * prefill pool and the transfer set them.
     */
    public OperatingPoint at(double meanBatch) {
        RunningBatch batch = RunningBatch.of(meanBatch, openLoop, sla.quantile());
        double b = batch.mean();
        int maxRunning = batch.maxRunning();
        double batchQ = batch.atQuantile();
        double stepMs = AggregatedModel.interpolate(b, n -> speculative.stepMs(n, context));
        double stepQMs = AggregatedModel.interpolate(batchQ, n -> speculative.stepMs(n, context));
        double itlQ = speculative.itlQuantileMs(stepQMs, sla.quantile());
        double tokens = speculative.tokensPerStep();
        double tpotBatch = RunningBatch.lifetimeQuantile(b, maxRunning, openLoop, sla.quantile());
        double tpotQ = AggregatedModel.interpolate(tpotBatch, n -> speculative.stepMs(n, context)) / tokens;
        double kvTokens = maxRunning * requestKvTokens;
        double ratePerS = b * tokens / (Math.max(1.0, osl - 1) * stepMs) * 1000.0 * engine.ranks();
        Limit limit = null;
        if (kvTokens > engine.kvTokensPerRank()) {
            limit = Limit.KV_CAPACITY;
        } else if (itlQ > sla.itlMs()) {
            limit = Limit.ITL_SLA;
        } else if (tpotQ > sla.tpotMs()) {
            limit = Limit.TPOT_SLA;
        }
        return new OperatingPoint(b, maxRunning, 0, 0, itlQ, stepMs / tokens, tpotQ, 0, ratePerS, 0, 0, stepMs, kvTokens,
                limit);
    }
}
