package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * The Plimsoll policy's clocks.
 *
 * @param intervalMs     the fast loop: an observation, a forecast step and a decision (15 s: the
 *                       HPA's sync period, and the usual Prometheus scrape interval)
 * @param slowIntervalMs the slow loop that resets the forecast floor (180 s: Dynamo Planner's
 *                       default adjustment interval)
 * @param startupMs      how long a new worker takes to serve; the forecast looks this far ahead and
 *                       a scale-down must hold at least this long (the time to undo it)
 * @param forecaster     last, holt, holt-winters[:SEASON] or kalman
 * @param staleAfterMs   metrics older than this are not the present: no scale-down on them
 * @param stuckAfterMs   workers still not ready this long after a scale-up are given up on: no
 *                       further scale-up of that pool until they are
 */
public record PlimsollSettings(double intervalMs, double slowIntervalMs, double startupMs, String forecaster,
                               double staleAfterMs, double stuckAfterMs) {
    public PlimsollSettings {
        if (!(intervalMs > 0) || !(slowIntervalMs >= intervalMs) || !(startupMs >= 0) || !(staleAfterMs > 0)
                || !(stuckAfterMs > startupMs)) {
            throw new UserInputException("autoscaler intervals must satisfy 0 < interval <= slow interval, start-up >= 0,"
                    + " stale-after > 0 and stuck-after > start-up; got interval " + intervalMs + " ms, slow "
                    + slowIntervalMs + " ms, start-up " + startupMs + " ms, stale after " + staleAfterMs
                    + " ms, stuck after " + stuckAfterMs + " ms");
        }
        dev.plimsoll.autoscaler.policy.forecast.Forecaster.of(forecaster);
    }

    /**
     * Defaults around an interval and a start-up delay: slow loop 12 intervals (180 s at 15 s),
     * Holt's trend, stale after two intervals (a missed scrape is tolerated, two are not), stuck
     * after three start-ups.
     */
    public static PlimsollSettings defaults(double intervalMs, double startupMs) {
        return new PlimsollSettings(intervalMs, 12 * intervalMs, startupMs, "holt", 2 * intervalMs,
                3 * Math.max(startupMs, intervalMs));
    }

    /** The same clocks with another slow loop. */
    public PlimsollSettings withSlowIntervalMs(double ms) {
        return new PlimsollSettings(intervalMs, ms, startupMs, forecaster, staleAfterMs, stuckAfterMs);
    }

    /** Forecast steps covering a start-up and one interval: how far ahead a scale-up must look. */
    public int horizonSteps() {
        return Math.max(1, (int) Math.ceil((startupMs + intervalMs) / intervalMs - 1e-9));
    }
}
