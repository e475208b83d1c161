package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * How an elastic simulation may resize its pools while it runs (see
 * {@link Simulation#runElastic}): at most {@code maxWorkers} per pool, new workers serving only
 * {@code startupMs} after they were asked for (a pod's scheduling, image pull and model load),
 * the scaling hook called every {@code controlIntervalMs}.
 *
 * @param maxWorkers        per pool, in the deployment's pool order (aggregated; or prefill, decode)
 * @param startupMs         delay from a scale-up to the new worker taking requests
 * @param controlIntervalMs period of {@link ScalingHook#control}
 */
public record ElasticPools(int[] maxWorkers, double startupMs, double controlIntervalMs) {
    public ElasticPools {
        maxWorkers = maxWorkers.clone();
        for (int m : maxWorkers) {
            if (m < 1) {
                throw new UserInputException("an elastic pool needs a maximum of >= 1 worker, got " + m);
            }
        }
        if (!(startupMs >= 0) || Double.isInfinite(startupMs)) {
            throw new UserInputException("worker start-up must be a finite time >= 0 ms, got " + startupMs);
        }
        if (!(controlIntervalMs > 0) || Double.isInfinite(controlIntervalMs)) {
            throw new UserInputException("control interval must be > 0 ms, got " + controlIntervalMs);
        }
    }

    @Override
    public int[] maxWorkers() {
        return maxWorkers.clone();
    }
}
