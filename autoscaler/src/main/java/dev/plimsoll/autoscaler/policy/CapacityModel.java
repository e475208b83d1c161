package dev.plimsoll.autoscaler.policy;

import java.util.List;

/**
 * Workers each pool needs for a load within the SLA, and the latencies the model expects: the
 * policy's view of Plimsoll's performance model.
 */
public interface CapacityModel {
    /** Pool names in order: [aggregated] or [prefill, decode]. */
    List<String> pools();

    int gpusPerWorker(int pool);

    /**
     * Fewest workers per pool that serve {@code load} within the SLA, the model's latencies
     * multiplied by the correction factors (observed over predicted). A pool that cannot meet
     * the SLA at any size answers {@link Integer#MAX_VALUE}.
     */
    int[] workersFor(Load load, Correction correction);

    /** The model's TTFT and ITL at the SLA percentile for {@code load} on {@code workers}. */
    Prediction predict(Load load, int[] workers);

    /**
     * The rate of requests of the model's own sizes that carries {@code load}'s work in
     * {@code pool} (prompt tokens for prefill, output tokens for decode, the larger of both for an
     * aggregated pool).
     */
    double equivalentRate(int pool, Load load);

    /**
     * Requests one worker of the pool can run at once: the running-request slots it was launched
     * with (more queue). The consolidation bound of a scale-down and the concurrency bound of a
     * decode pool.
     */
    double maxRunningPerWorker(int pool, Correction correction);

    /**
     * Requests per second one worker of the pool completes at the (corrected) SLA without queueing:
     * a prefill worker saturated, an aggregated or decode worker at its largest batch within the
     * ITL bound. What a profiling sweep measures, and what Dynamo's planner divides the load by.
     */
    double throughputPerWorker(int pool, Correction correction);

    /** Expected latencies; infinite when the pool cannot carry the load. */
    record Prediction(double ttftMs, double itlMs) {
    }

    /** Observed over predicted latency, by phase; 1 when the model is right. */
    record Correction(double ttft, double itl) {
        public static final Correction NONE = new Correction(1.0, 1.0);
    }
}
