package dev.plimsoll.gui.service;

import java.util.function.BooleanSupplier;

/** Asked by long-running services between units of work; throws when the user cancelled. */
public interface Cancellation {
    Cancellation NEVER = () -> false;

    boolean cancelled();

    static Cancellation of(BooleanSupplier s) {
        return s::getAsBoolean;
    }

    /** @throws java.util.concurrent.CancellationException when cancelled */
    default void check() {
        if (cancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled");
        }
    }
}
