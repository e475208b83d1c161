package dev.plimsoll.perfmodel.workload;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * How a trace is replayed: which window, how fast.
 *
 * @param startMs     skip requests that arrive before this time of the trace (ms after its first request)
 * @param durationMs  keep requests of this long a window from {@code startMs} ({@code +inf}: to the end)
 * @param rateScale   multiply the arrival rate: 2 replays the window in half the time
 *                    (timestamps divided by 2); sizes are unchanged
 * @param maxRequests stop after this many requests ({@code Long.MAX_VALUE}: no limit)
 */
public record TraceTransform(double startMs, double durationMs, double rateScale, long maxRequests) {
    public static final TraceTransform NONE = new TraceTransform(0, Double.POSITIVE_INFINITY, 1.0, Long.MAX_VALUE);

    public TraceTransform {
        if (!(startMs >= 0) || Double.isInfinite(startMs)) {
            throw new UserInputException("trace start must be a finite time >= 0 ms, got " + startMs);
        }
        if (!(durationMs > 0)) {
            throw new UserInputException("trace window must be longer than 0 ms, got " + durationMs);
        }
        if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
            throw new UserInputException("trace rate scale must be a positive number, got " + rateScale);
        }
        if (maxRequests < 1) {
            throw new UserInputException("trace request limit must be >= 1, got " + maxRequests);
        }
    }

    /** Replays at {@code factor} times the recorded rate. */
    public static TraceTransform rate(double factor) {
        return new TraceTransform(0, Double.POSITIVE_INFINITY, factor, Long.MAX_VALUE);
    }

    /**
     * Stretches time by {@code factor} (2 = twice as slow): the time-scale form of
     * {@link #rate(double)} with {@code 1 / factor}.
     */
    public static TraceTransform timeScale(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new UserInputException("trace time scale must be a positive number, got " + factor);
        }
        return rate(1.0 / factor);
    }

    public TraceTransform window(double fromMs, double lengthMs) {
        return new TraceTransform(fromMs, lengthMs, rateScale, maxRequests);
    }

    public TraceTransform limit(long requests) {
        return new TraceTransform(startMs, durationMs, rateScale, requests);
    }

    /** Wraps a source; times of the result start at 0 at {@code startMs}. */
    public ArrivalSource apply(ArrivalSource source) {
        if (equals(NONE)) {
            return source;
        }
        return new Transformed(source, this);
    }

    private static final class Transformed implements ArrivalSource {
        private final ArrivalSource source;
        private final TraceTransform t;
        private long issued;
        private boolean done;

        Transformed(ArrivalSource source, TraceTransform t) {
            this.source = source;
            this.t = t;
        }

        @Override
        public TimedRequest next() {
            if (done || issued >= t.maxRequests) {
                return null;
            }
            for (TimedRequest r = source.next(); r != null; r = source.next()) {
                double offset = r.arrivalMs() - t.startMs;
                if (offset < 0) {
                    continue;
                }
                if (offset >= t.durationMs) {
                    break;
                }
                issued++;
                return new TimedRequest(offset / t.rateScale, r.shape());
            }
            done = true;
            return null;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
