package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * Consecutive windows of a run's measured requests by send time, for statistics per batch
 * (batch means, or batch quantiles as P. Heidelberger and P. A. W. Lewis estimate quantiles of a
 * dependent sequence, "Quantile estimation in dependent sequences", Operations Research 32(1),
 * 1984): batch {@code i} holds the measured requests sent in
 * {@code [fromMs + i * batchMs, fromMs + (i + 1) * batchMs)}.
 *
 * @param fromMs  start of the first batch
 * @param batchMs length of each batch
 * @param count   batches
 * @param bounds  latencies whose exceedances each batch counts
 */
public record BatchWindows(double fromMs, double batchMs, int count, Bounds bounds) {
    public BatchWindows {
        if (!(fromMs >= 0) || !(batchMs > 0) || Double.isInfinite(batchMs) || count < 1) {
            throw new UserInputException("batch windows need from >= 0, a positive finite length and >= 1 batch, got "
                    + fromMs + ", " + batchMs + ", " + count);
        }
        java.util.Objects.requireNonNull(bounds, "bounds");
    }

    /**
     * Thresholds whose exceedances a batch counts (infinite for none): the share of samples above
     * a bound is at most 1 - q exactly when the q-quantile is within it.
     *
     * @param ttftMs time to first token
     * @param itlMs  inter-token gap (per token)
     * @param tpotMs time per output token (per request)
     * @param e2eMs  end-to-end latency
     */
    public record Bounds(double ttftMs, double itlMs, double tpotMs, double e2eMs) {
        public static final Bounds NONE = new Bounds(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The batch a request sent at {@code sentMs} belongs to, or -1. */
    int of(double sentMs) {
        double i = Math.floor((sentMs - fromMs) / batchMs);
        return i >= 0 && i < count ? (int) i : -1;
    }
}
