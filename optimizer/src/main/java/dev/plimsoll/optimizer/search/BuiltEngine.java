package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;

/**
 * A candidate that fits its GPUs, with its memory, KV pool and step-time model.
 *
 * @param candidate the launch configuration
 * @param replica   the built replica (KV capacity, step times)
 * @param steps     the replica's step model, as the analytic models query it: an exact memo that
 *                  {@link EngineBuilder} shares between candidates whose step model is the same
 */
public record BuiltEngine(EngineCandidate candidate, Replica replica, StepTimeModel steps) {

    /** An engine that queries its replica's step model directly. */
    public BuiltEngine(EngineCandidate candidate, Replica replica) {
        this(candidate, replica, replica.stepModel());
    }

    public int gpus() {
        return candidate.gpus();
    }

    /** Attention-DP ranks: each schedules its own requests into its own KV pool. */
    public int ranks() {
        return candidate.parallelism().dp();
    }

    public long kvTokensPerRank() {
        return replica.engine().kvCapacityTokens();
    }

    /** Step times, CUDA graphs captured up to the search's largest batch. Thread-safe. */
    @Override
    public StepTimeModel steps() {
        return steps;
    }

    public SchedulerProfile scheduler() {
        return replica.engine().profile();
    }

    public boolean prefixCaching() {
        return replica.engine().prefixCaching();
    }

    public double pricePerGpuHour() {
        return candidate.gpu().pricePerGpuHourUsd();
    }

    /**
     * The engine as launched: at most {@code maxRunning} requests per rank, CUDA graphs captured up
     * to that batch (so every decode step replays one), the candidate's token budget, chunking and
     * speculative decoding.
     */
    public EngineConfig engineConfig(int maxRunning) {
        int running = Math.max(1, maxRunning);
        EngineConfig e = replica.engine().withMaxRunningRequests(running).withCudaGraphMaxBatch(running)
                .withChunkedPrefill(candidate.chunkedPrefill()).withSpeculative(candidate.speculative());
        int budget = Math.max(candidate.tokenBudget(), running);
        return e.withMaxBatchedTokens(budget);
    }
}
