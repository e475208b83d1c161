package dev.plimsoll.autoscaler.reconcile;

/**
 * Bounded retries with exponential backoff for a scale request: {@code attempts} tries at most,
 * waiting {@code baseMs}, 2 x, 4 x ... up to {@code maxMs} between them. The defaults (4 tries,
 * 200 ms doubling to 5 s) stay well inside one 15 s control interval.
 */
public record RetryPolicy(int attempts, long baseMs, long maxMs) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, 200, 5_000);

    public RetryPolicy {
        if (attempts < 1 || baseMs < 0 || maxMs < baseMs) {
            throw new IllegalArgumentException("retries need attempts >= 1 and 0 <= base <= max");
        }
    }

    /** Wait before attempt {@code n} (n >= 2). */
    public long backoffMs(int n) {
        long wait = baseMs << Math.min(30, Math.max(0, n - 2));
        return Math.min(maxMs, wait);
    }
}
