package dev.plimsoll.perfmodel.workload;

import java.util.SplittableRandom;

/**
 * Where request sizes come from when the workload generator, not a trace, decides arrivals:
 * fixed sizes (how the measured deployments were benchmarked), sizes resampled from a trace, or
 * groups of requests sharing a prompt prefix.
 */
@FunctionalInterface
public interface RequestShapes {
    RequestShape sample(SplittableRandom random);

    /** Every request has {@code inputTokens} in and {@code outputTokens} out. */
    static RequestShapes fixed(int inputTokens, int outputTokens) {
        RequestShape shape = new RequestShape(inputTokens, outputTokens);
        return random -> shape;
    }
}
