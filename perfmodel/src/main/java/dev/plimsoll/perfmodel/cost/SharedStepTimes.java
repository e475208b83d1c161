package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.concurrent.ConcurrentHashMap;

/**
 * An exact memo of a step-time model, shared by every thread and every simulation that prices the
 * same engine: a batch is evaluated once, whoever asks for it first, and every later ask gets that
 * very value. Nothing is rounded here (a {@link dev.plimsoll.perfmodel.sim.CachedStepTimes} in front
 * does its own bucketing), so the memo answers what the model answers; it needs a model whose
 * answer depends on the batch alone, as {@link StepTimeModel} asks of every implementation
 * (thread-safe, no state that changes its answers).
 *
 * <p>Why: a simulation's {@code CachedStepTimes} lives one run; the confirming runs of a plan (two
 * to five seeds of the same engines) and the search's engines that differ only in scheduler limits
 * (token budget, chunking; their step model is the same) would otherwise price the same batches
 * again, at tens of microseconds each (an operator graph built and priced per batch).
 */
public final class SharedStepTimes implements StepTimeModel {
    /**
     * Batches held before the memo is emptied (and refilled with the same values): a long run meets
     * a few thousand distinct buckets per engine; the bound keeps a pathological sweep from holding
     * memory, as the cost model's own shape cache does.
     */
    static final int MAX_ENTRIES = 1 << 20;

    private final StepTimeModel model;
    private final ConcurrentHashMap<StepBatch, Double> memo = new ConcurrentHashMap<>();

    public SharedStepTimes(StepTimeModel model) {
        this.model = model;
    }

    @Override
    public double stepMs(StepBatch batch) {
        Double known = memo.get(batch);
        if (known != null) {
            return known;
        }
        // two threads may both evaluate a new batch; they get the same value, one of them is kept
        double ms = model.stepMs(batch);
        if (memo.size() >= MAX_ENTRIES) {
            memo.clear();
        }
        memo.putIfAbsent(batch, ms);
        return ms;
    }

    /** Batches held now. */
    public int size() {
        return memo.size();
    }
}
