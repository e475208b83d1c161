package dev.plimsoll.gui.service;

/** Told how far a service has come, from any thread. */
@FunctionalInterface
public interface ProgressSink {
    ProgressSink NONE = (message, fraction) -> { };

    /**
     * @param message  what is running
     * @param fraction 0 to 1, or negative when unknown
     */
    void update(String message, double fraction);
}
