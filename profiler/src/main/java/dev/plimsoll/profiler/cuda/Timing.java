package dev.plimsoll.profiler.cuda;

/**
 * One measured point.
 *
 * @param medianMs median time of one launch over the timed replays
 * @param minMs    fastest replay, per launch
 * @param maxMs    slowest replay, per launch
 * @param launches launches per replay
 * @param copies   buffer sets rotated through (each launch reads data not in L2)
 */
public record Timing(double medianMs, double minMs, double maxMs, int launches, int copies) {
    public Timing {
        if (!(medianMs > 0) || Double.isInfinite(medianMs)) {
            throw new IllegalArgumentException("a measured time must be positive, got " + medianMs + " ms");
        }
    }
}
