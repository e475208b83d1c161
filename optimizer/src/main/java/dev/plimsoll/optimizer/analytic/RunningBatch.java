package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.optimizer.search.EngineBuilder;

/**
 * The running batch of one rank at a mean batch {@code mean}. Closed loop: the clients hold the
 * batch at its mean. Open loop (Poisson arrivals): the number in service is about Poisson, so the
 * engine needs room for its 99th percentile and the SLA quantile of the step sees the batch at
 * {@code mean + z sqrt(mean)} (normal approximation).
 *
 * @param mean       mean requests in the batch (at least 1e-3)
 * @param maxRunning slots the engine is launched with
 * @param atQuantile the batch at the SLA quantile
 */
record RunningBatch(double mean, int maxRunning, double atQuantile) {
    static RunningBatch of(double meanBatch, boolean openLoop, double slaQuantile) {
        double b = Math.max(meanBatch, 1e-3);
        int maxRunning = openLoop
                ? (int) Math.ceil(b + QueueModel.normalQuantile(0.99) * Math.sqrt(b)) + 1
                : (int) Math.ceil(b);
        maxRunning = Math.max(1, Math.min(maxRunning, EngineBuilder.MAX_RUNNING));
        double z = QueueModel.normalQuantile(slaQuantile);
        double atQuantile = openLoop ? Math.min(maxRunning, b + z * Math.sqrt(b)) : b;
        return new RunningBatch(b, maxRunning, atQuantile);
    }

    /**
     * The batch a request sees on average over its lifetime, at the SLA quantile. Closed loop: the
     * mean. Open loop: the occupancy of an M/D/infinity queue, autocovariance {@code B (1 - t/S)},
     * averaged over one service time {@code S} has variance {@code 2B/3}.
     */
    static double lifetimeQuantile(double mean, int maxRunning, boolean openLoop, double slaQuantile) {
        if (!openLoop) {
            return mean;
        }
        return Math.min(maxRunning, mean + QueueModel.normalQuantile(slaQuantile) * Math.sqrt(2 * mean / 3));
    }
}
