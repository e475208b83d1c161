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

    /**
     * By HTTP status as the API server answers it; 0 or less when no answer came (fabric8 reports a
     * timeout or a broken connection as -1).
     */
    public static ActuationException ofStatus(int status, String message) {
        boolean noAnswer = status <= 0;
        return new ActuationException(message + (noAnswer ? " (no answer)" : " (HTTP " + status + ")"), noAnswer
                || status == 409 || status == 429 || status >= 500);
    }
}
