package dev.plimsoll.cli;

import dev.plimsoll.optimizer.search.SlaTarget;
import picocli.CommandLine.Option;

/** The latency targets a deployment must meet: {@code --ttft}, {@code --itl} at {@code --percentile}. */
public final class SlaOptions {
    @Option(names = "--ttft", required = true, paramLabel = "MS", description = "Time-to-first-token bound.")
    double ttftMs;

    @Option(names = "--itl", required = true, paramLabel = "MS", description = "Inter-token latency bound.")
    double itlMs;

    @Option(names = "--percentile", defaultValue = "90", paramLabel = "P",
            description = "Percentile the bounds apply to: 50, 90 or 99 (default ${DEFAULT-VALUE}).")
    int percentile;

    /** The targets, with an end-to-end bound ({@code Double.POSITIVE_INFINITY} for none). */
    public SlaTarget target(double e2eMs) {
        return new SlaTarget(ttftMs, itlMs, e2eMs, percentile);
    }
}
