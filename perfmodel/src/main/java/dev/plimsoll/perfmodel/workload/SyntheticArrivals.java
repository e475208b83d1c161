package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.SplittableRandom;

/**
 * An open-loop generator: arrival gaps from an {@link InterArrival} process and sizes from
 * {@link RequestShapes}, until a request count or a duration is reached. The first request arrives
 * after one gap, as in a process that was already running.
 */
public final class SyntheticArrivals implements ArrivalSource {
    private final InterArrival.Gaps gaps;
    private final RequestShapes shapes;
    private final SplittableRandom random;
    private final long maxRequests;
    private final double durationMs;
    private long issued;
    private double clockMs;

    /**
     * @param maxRequests stop after this many requests ({@code Long.MAX_VALUE}: no limit)
     * @param durationMs  stop at this time ({@code Double.POSITIVE_INFINITY}: no limit)
     */
    public SyntheticArrivals(InterArrival process, RequestShapes shapes, long maxRequests, double durationMs, long seed) {
        if (maxRequests < 0 || !(durationMs > 0)) {
            throw new UserInputException("need maxRequests >= 0 and durationMs > 0, got " + maxRequests
                    + " / " + durationMs);
        }
        if (maxRequests == Long.MAX_VALUE && Double.isInfinite(durationMs)) {
            throw new UserInputException("an open-loop generator needs a request count or a duration");
        }
        this.gaps = process.start(seed);
        this.shapes = shapes;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.maxRequests = maxRequests;
        this.durationMs = durationMs;
    }

    @Override
    public TimedRequest next() {
        if (issued >= maxRequests) {
            return null;
        }
        clockMs += gaps.nextMs();
        if (clockMs > durationMs) {
            return null;
        }
        issued++;
        return new TimedRequest(clockMs, shapes.sample(random));
    }
}
