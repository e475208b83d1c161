package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.sim.CachedStepTimes;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

/**
 * Steady state of an aggregated engine (prefill and decode on the same replica) at a mean running
 * batch {@code B} per rank, from step times alone; the simulator confirms what this model keeps.
 *
 * <p>Each request lives about OSL decode steps, so {@code B / OSL} new prompts arrive per step.
 * vLLM and TensorRT-LLM put a prompt chunk of up to {@code budget - B} tokens into a decode step
 * (a mixed step), so {@code f = B k / OSL} of the decode steps are mixed, {@code k} the chunks per
 * prompt. SGLang runs prefill first: a prompt's {@code k} chunks run back to back while decodes
 * wait, so {@code B / OSL} of the tokens see a gap of {@code k} prefill steps plus a decode step.
 * Inter-token latency at the SLA percentile is the interrupted gap when more than
 * {@code 1 - q} of the tokens see one, the decode step otherwise; under open-loop arrivals the
 * running batch varies around its mean like a Poisson count, and the percentile is taken at
 * {@code B + z_q sqrt(B)}. A request's TPOT is its mean gap: the mean gap at the batch it sees
 * over its lifetime ({@link RunningBatch#lifetimeQuantile}), plus the binomial spread of the
 * share of its {@code n} steps that prompts interrupt ({@code z_q sqrt(f (1 - f) / n)} times the
 * extra length of an interrupted gap). Time to first token is the rest of the step in flight (a prompt
 * arrives in a long, interrupted step with probability proportional to its length), the prompt's
 * prefill, and queueing for the prefill channel as an M/D/1 server ({@link QueueModel}).
 *
 * <p>Memoises step times (token counts within 0.8 %); one instance per thread.
 */
public final class AggregatedModel {
    /**
     * Share of the SLA's tail ({@code 1 - q} of the tokens) the interrupted gaps may take before the
     * percentile counts as interrupted. The percentile jumps from the decode step to the prefill gap
     * where that share crosses the tail, and the simulated share varies from run to run by about a
     * point at a 10 % tail (Qwen3-32B on 4 x H200 TP8 at 28 req/s, ISL 4000: 8.5-11.9 % over 16
     * seeds): an operating point on the jump fails about half the runs that re-simulate it, one at
     * 85 % of the tail about one in ten.
     */
    static final double INTERRUPTED_SHARE_HEADROOM = 0.85;

    /** Smallest prompt chunk worth scheduling: one vLLM KV block (block_size 16). */
    static final int MIN_CHUNK_TOKENS = 16;

    private final BuiltEngine engine;
    private final StepTimeModel steps;
    private final SpeculativeSteps speculative;
    private final double tokensPerStep;
    private final SlaTarget sla;
    private final boolean openLoop;
    private final boolean separatePrefill;
    private final double osl;
    private final int oslQuantile;
    private final double cached;
    private final double newTokens;
    private final double newTokensQuantile;
    private final long context;
    private final double requestKvTokens;
    private final int budget;
    private final boolean chunked;

    /**
     * @param openLoop requests arrive on their own (a rate target); false for a fixed number of
     *                 clients (the batch does not fluctuate)
     */
    public AggregatedModel(BuiltEngine engine, WorkloadSpec w, SlaTarget sla, boolean openLoop) {
        this.engine = engine;
        this.steps = new CachedStepTimes(engine.steps());
        this.speculative = new SpeculativeSteps(steps, engine.candidate().speculative());
        this.tokensPerStep = speculative.tokensPerStep();
        this.sla = sla;
        this.openLoop = openLoop;
        this.separatePrefill = engine.scheduler() == SchedulerProfile.SGLANG;
        double isl = w.meanInputTokens();
        this.osl = w.meanOutputTokens();
        this.oslQuantile = w.outputQuantile(sla.quantile());
        this.cached = engine.prefixCaching() ? w.meanCachedTokens() : 0.0;
        this.newTokens = Math.max(1.0, isl - cached);
        this.newTokensQuantile = Math.max(1.0, w.inputQuantile(sla.quantile()) - cached);
        this.context = Math.round(isl + osl / 2.0);
        this.requestKvTokens = isl - cached + osl;
        this.budget = engine.candidate().tokenBudget();
        this.chunked = engine.candidate().chunkedPrefill();
    }

    public BuiltEngine engine() {
        return engine;
    }

    /** The operating point at mean batch {@code meanBatch} per rank (may be fractional). */
    public OperatingPoint at(double meanBatch) {
        RunningBatch batch = RunningBatch.of(meanBatch, openLoop, sla.quantile());
        double b = batch.mean();
        int maxRunning = batch.maxRunning();
        double batchAtQuantile = batch.atQuantile();
        double kvTokens = maxRunning * requestKvTokens + cached;

        int decodeTokens = (int) Math.ceil(b);
        double chunkCap = chunked ? (separatePrefill ? budget : budget - decodeTokens) : newTokens;
        boolean budgetOk = chunked ? chunkCap >= MIN_CHUNK_TOKENS
                : budget >= newTokensQuantile + (separatePrefill ? 0 : decodeTokens);
        chunkCap = Math.max(chunkCap, MIN_CHUNK_TOKENS);

        double cap = chunked ? chunkCap : Double.POSITIVE_INFINITY;
        Prefill mean = prefill(newTokens, cap, b);
        Prefill quantile = prefill(newTokensQuantile, cap, batchAtQuantile);
        double decodeMs = decodeMs(b);
        double decodeQMs = decodeMs(batchAtQuantile);

        // fraction of decode steps whose gap includes prefill work, and that gap; a request lives
        // OSL / T steps when a step yields T tokens (speculative decoding)
        double interrupted = separatePrefill ? b * tokensPerStep / osl : b * mean.chunks * tokensPerStep / osl;
        interrupted = Math.min(1.0, interrupted);
        double interruptedGap = separatePrefill ? mean.chunks * mean.chunkMs + decodeMs : mean.chunkMs;
        double meanGap = (1 - interrupted) * decodeMs + interrupted * interruptedGap;
        double interruptedGapQ = separatePrefill ? mean.chunks * mean.chunkMs + decodeQMs : quantile.chunkMs;
        double tailShare = 1 - sla.quantile();
        double itlQ = interrupted > tailShare * INTERRUPTED_SHARE_HEADROOM ? Math.max(interruptedGapQ, decodeQMs)
                : speculative.itlQuantileMs(decodeQMs, 1 - (tailShare - interrupted) / (1 - interrupted));
        double steps = Math.max(0.0, osl - 1) / tokensPerStep;
        double tpotQ = tpotQuantileMs(b, maxRunning, decodeMs, meanGap, interrupted, interruptedGap, steps);

        // the prefill channel: busy for chunkMs per chunk, newTokens / chunkCap chunks per prompt
        double serviceMs = newTokens / chunkCap * mean.chunkMs;
        // a prompt arrives during a step and waits for its rest; arrivals land in long steps more often
        double inInterrupted = interrupted * interruptedGap / meanGap;
        double residualMean = (interrupted * interruptedGap * interruptedGap
                + (1 - interrupted) * decodeMs * decodeMs) / (2 * meanGap);
        double tail = 1 - sla.quantile();
        double residualQ = inInterrupted > tail ? interruptedGapQ * (1 - tail / inInterrupted) : decodeQMs;
        double lambda = b * tokensPerStep / (osl * meanGap);
        double rho = 0;
        double ttftMean = 0;
        for (int i = 0; i < 4; i++) {
            rho = lambda * serviceMs;
            ttftMean = residualMean + mean.latencyMs + QueueModel.meanWaitMs(rho, serviceMs);
            if (rho >= 1) {
                break;
            }
            lambda = b / (ttftMean + steps * meanGap);
        }
        double waitQ = QueueModel.waitQuantileMs(rho, serviceMs, sla.quantile());
        double ttftQ = residualQ + quantile.latencyMs + waitQ;
        double e2eQ = ttftQ + Math.max(0, oslQuantile - 1) / tokensPerStep * meanGap;
        double replicaRatePerS = lambda * 1000.0 * engine.ranks();

        Limit limit = null;
        if (kvTokens > engine.kvTokensPerRank()) {
            limit = Limit.KV_CAPACITY;
        } else if (!budgetOk) {
            limit = Limit.TOKEN_BUDGET;
        } else if (rho >= 1 || interrupted >= 1) {
            limit = Limit.PREFILL_SATURATED;
        } else if (itlQ > sla.itlMs()) {
            limit = Limit.ITL_SLA;
        } else if (tpotQ > sla.tpotMs()) {
            limit = Limit.TPOT_SLA;
        } else if (ttftQ > sla.ttftMs()) {
            limit = Limit.TTFT_SLA;
        } else if (e2eQ > sla.e2eMs()) {
            limit = Limit.E2E_SLA;
        }
        return new OperatingPoint(b, maxRunning, ttftQ, ttftMean, itlQ, meanGap / tokensPerStep, tpotQ, e2eQ,
                replicaRatePerS, waitQ,
                quantile.latencyMs, decodeMs, kvTokens, limit);
    }

    /** A request's time per output token at the SLA quantile (see the class comment). */
    private double tpotQuantileMs(double b, int maxRunning, double decodeMs, double meanGap, double interrupted,
                                  double interruptedGap, double steps) {
        double batchQ = RunningBatch.lifetimeQuantile(b, maxRunning, openLoop, sla.quantile());
        double slower = Math.max(0.0, decodeMs(batchQ) - decodeMs);
        double spread = steps >= 1 ? QueueModel.normalQuantile(sla.quantile())
                * Math.sqrt(interrupted * (1 - interrupted) / steps) * Math.abs(interruptedGap - decodeMs) : 0.0;
        return (meanGap + slower + Math.max(0.0, spread)) / tokensPerStep;
    }

    /** Prefill of a prompt of {@code tokens} new tokens in chunks of at most {@code cap}, beside a batch. */
    private Prefill prefill(double tokens, double cap, double batch) {
        int chunks = Math.max(1, (int) Math.ceil(tokens / cap - 1e-9));
        int chunk = (int) Math.ceil(tokens / chunks);
        // mean tokens already cached when a chunk runs: the shared prefix plus the earlier chunks
        long prefix = Math.round(cached + (chunks - 1) * chunk / 2.0);
        double chunkMs;
        if (separatePrefill) {
            chunkMs = steps.stepMs(new StepBatch(1, chunk, prefix, 0, 0));
        } else {
            chunkMs = interpolate(batch, n -> steps.stepMs(new StepBatch(1, chunk, prefix, n, context)));
        }
        return new Prefill(chunks, chunkMs, chunks * chunkMs);
    }

    private double decodeMs(double batch) {
        return interpolate(batch, n -> speculative.stepMs(n, context));
    }

    /** A step time at a fractional batch: linear between the neighbouring whole batches (1 below 1). */
    static double interpolate(double batch, java.util.function.IntToDoubleFunction f) {
        if (batch <= 1) {
            return f.applyAsDouble(1);
        }
        int lo = (int) Math.floor(batch);
        double tLo = f.applyAsDouble(lo);
        if (batch == lo) {
            return tLo;
        }
        return tLo + (batch - lo) * (f.applyAsDouble(lo + 1) - tLo);
    }

    private record Prefill(int chunks, double chunkMs, double latencyMs) {
    }
}
