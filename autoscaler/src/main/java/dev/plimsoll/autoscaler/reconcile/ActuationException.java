package dev.plimsoll.autoscaler.reconcile;

/**
 * A scale request that did not go through. Retryable: a conflict (HTTP 409, the object changed
 * under us), a server error (5xx) or a timeout; not retryable: forbidden, not found, invalid.
 */
public final class ActuationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ActuationException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** By HTTP status as the API server answers it; 0 for a timeout or a broken connection. */
    public static ActuationException ofStatus(int status, String message) {
        return new ActuationException(message + " (HTTP " + status + ")", status == 0 || status == 409
                || status == 429 || status >= 500);
    }
}
