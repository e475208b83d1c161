package dev.plimsoll.autoscaler.policy;

/**
 * What one pool's engines export at an observation, summed over its workers (vLLM
 * {@code num_requests_running}, {@code num_requests_waiting}, mean {@code kv_cache_usage_perc}).
 * NaN marks a value that could not be read.
 *
 * @param pool                aggregated, prefill or decode
 * @param readyReplicas       workers serving (the target's ready replicas)
 * @param provisionedReplicas workers asked for: ready plus starting (the target's spec.replicas)
 * @param runningRequests     requests in the running batches
 * @param waitingRequests     requests queued
 * @param kvUsage             mean share of KV blocks in use, 0..1
 */
public record PoolMetrics(String pool, int readyReplicas, int provisionedReplicas, double runningRequests,
                          double waitingRequests, double kvUsage) {
    public boolean finite() {
        return Double.isFinite(runningRequests) && Double.isFinite(waitingRequests) && Double.isFinite(kvUsage);
    }

    /** An action on this pool has not finished: workers still starting. */
    public boolean scalingInFlight() {
        return provisionedReplicas != readyReplicas;
    }
}
