package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Distribution of one latency over the measured requests (or tokens, for inter-token latency).
 * All values are NaN when there were no samples.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);
}
