package dev.plimsoll.perfmodel.sim;

/** Told how far a long simulation has come, about every percent or every thousand requests. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (simulatedMs, finished, expected) -> { };

    /**
     * @param simulatedMs the simulation clock
     * @param finished    requests finished (or rejected) so far
     * @param expected    requests the workload will send, or -1 when unknown (a trace being streamed)
     */
    void onProgress(double simulatedMs, long finished, long expected);
}
