package dev.plimsoll.perfmodel.sim;

/**
 * The controller of an elastic simulation: it sees what the engines would export (the request
 * events below, the pool state through {@link ElasticFleet}) and resizes the pools. Called on the
 * simulating thread, in simulated time.
 */
public interface ScalingHook {
    /** Called every control interval; the hook may call {@link ElasticFleet#scaleTo}. */
    void control(double nowMs, ElasticFleet fleet);

    /** A request reached the front end (a counter of started requests and their prompt tokens). */
    default void arrived(double nowMs, int inputTokens) {
    }

    /** A request produced its first token {@code ttftMs} after it was sent. */
    default void firstToken(double nowMs, double ttftMs) {
    }

    /** {@code tokens} output tokens after a gap of {@code gapMs} since the request's previous token. */
    default void tokens(double nowMs, int tokens, double gapMs) {
    }

    /** A request finished or was rejected. */
    default void finished(double nowMs) {
    }
}
