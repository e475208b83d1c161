package dev.plimsoll.autoscaler.policy.forecast;

/**
 * One-step-ahead forecast errors, as a robust root mean square: a plain mean over the first
 * {@code 1 / FORGET} errors, exponential forgetting after (so the first error does not weigh as
 * much as all the later ones together). Once {@value #WARM_UP} errors are known, an error enters
 * clipped at {@value #HUBER_K} times the current spread (Huber's psi), the bounded influence of
 * robust exponential smoothing (Gelper, Fried and Croux, "Robust forecasting with exponential and
 * Holt-Winters smoothing", Journal of Forecasting 29, 2010): one metric spike then widens the
 * margin by a bounded step instead of inflating it for dozens of intervals, while a lasting rise in
 * volatility still widens it within a few intervals (by up to 30 % an interval).
 */
final class ErrorTracker {
    /**
     * Weight of the newest squared error: about the last 1 / 0.1 = 10 intervals count, so the margin
     * follows a change of regime within a slow interval or two.
     */
    static final double FORGET = 0.1;
    /** Huber's k = 2, the clipping constant Gelper, Fried and Croux use. */
    static final double HUBER_K = 2.0;
    /**
     * E[psi_k(Z)^2] for a standard normal Z at k = 2: (2 Phi(2) - 1) - 2 k phi(2) + k^2 (2 - 2 Phi(2))
     * = 0.7386 + 0.1820; dividing by it keeps the spread consistent for normal errors.
     */
    static final double CONSISTENCY = 0.9205;
    /** Errors seen before clipping starts: the spread needs a few of them to mean anything. */
    static final int WARM_UP = 4;
    private double meanSquare;
    private int count;

    void record(double predicted, double actual) {
        if (!Double.isFinite(predicted)) {
            return;
        }
        double e = actual - predicted;
        if (count >= WARM_UP) {
            double bound = HUBER_K * rms();
            e = Math.max(-bound, Math.min(bound, e));
        }
        count++;
        double weight = Math.max(FORGET, 1.0 / count);
        double square = count > WARM_UP ? e * e / CONSISTENCY : e * e;
        meanSquare = (1 - weight) * meanSquare + weight * square;
    }

    double rms() {
        return Math.sqrt(meanSquare);
    }
}
