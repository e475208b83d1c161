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

    /**
     * Input and output lengths drawn independently and uniformly from whole-token ranges, both
     * bounds included: what a random-dataset benchmark with a length range sends (vLLM's
     * benchmark_serving {@code --random-range-ratio}, SemiAnalysis InferenceX).
     */
    static RequestShapes uniform(int inputMin, int inputMax, int outputMin, int outputMax) {
        if (inputMin < 1 || outputMin < 1 || inputMax < inputMin || outputMax < outputMin) {
            throw new IllegalArgumentException("length ranges need 1 <= min <= max, got input " + inputMin + ".."
                    + inputMax + ", output " + outputMin + ".." + outputMax);
        }
        return random -> new RequestShape(random.nextInt(inputMin, inputMax + 1),
                random.nextInt(outputMin, outputMax + 1));
    }
}
