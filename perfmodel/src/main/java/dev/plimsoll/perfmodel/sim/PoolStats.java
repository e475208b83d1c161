package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How one pool of workers was used.
 *
 * @param pool              aggregated, prefill or decode
 * @param workers           replicas in the pool
 * @param gpuUtilisation    share of the run its replicas spent running steps (a busy engine keeps
 *                          all its GPUs busy; this is not SM occupancy)
 * @param meanKvUsage       time-weighted mean share of KV blocks held by requests
 * @param peakKvUsage       largest share seen at a step start
 * @param meanQueueLength   time-weighted mean of requests waiting per replica
 * @param steps             steps run, all replicas
 * @param preemptions       requests preempted (recomputed), all replicas
 * @param prefixHitRate     prompt tokens found in the prefix cache / prompt tokens looked up
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoolStats(String pool, int workers, double gpuUtilisation, double meanKvUsage, double peakKvUsage,
                        double meanQueueLength, long steps, long preemptions, double prefixHitRate) {
}
