package dev.plimsoll.perfmodel.sim;

/** What an engine reports to the simulation that drives it. */
interface EngineHost {
    /** Call {@link Engine#woken} after the events already due at {@code nowMs}. */
    void wake(Engine engine, double nowMs);

    /** A step of {@code durationMs} began; the host calls {@link Engine#stepEnded} when it ends. */
    void stepStarted(Engine engine, double nowMs, double durationMs);

    /** The request produced {@code tokens} tokens at the end of a step. */
    void tokens(SimRequest r, double nowMs, int tokens);

    /** The request produced all its tokens. */
    void finish(SimRequest r, double nowMs);

    /** A prefill worker computed the prompt and the first token; the KV must move to a decode worker. */
    void prefillDone(SimRequest r, double nowMs);

    /** A decode worker reserved KV for the request; its transfer begins. */
    void startTransfer(SimRequest r, double nowMs);

    /** The request waits for blocks read from a lower KV tier; call {@link Engine#onboarded} at {@code doneAtMs}. */
    void onboard(SimRequest r, double doneAtMs);

    /** The request can never fit this engine's KV pool. */
    void reject(SimRequest r, double nowMs);
}
