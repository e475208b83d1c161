package dev.plimsoll.perfmodel.sim;

/**
 * What result collectors observe. The engine and the driver only emit these events; every
 * statistic is computed by a collector, so new results never touch the engine.
 */
interface SimulationListener {
    default void arrived(SimRequest r, double nowMs) {
    }

    /**
     * The request produced {@code tokens} tokens; {@code gapMs} is the time since its previous
     * token (NaN for the first token).
     */
    default void tokens(SimRequest r, double nowMs, int tokens, double gapMs) {
    }

    default void finished(SimRequest r, double nowMs) {
    }

    default void rejected(SimRequest r, double nowMs) {
    }

    default void stepStarted(Engine engine, double nowMs, double durationMs) {
    }

    /** A disaggregated handoff: queued for decode KV for {@code queuedMs}, then moved in {@code transferMs}. */
    default void transferred(SimRequest r, double queuedMs, double transferMs) {
    }
}
