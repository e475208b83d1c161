package dev.plimsoll.autoscaler.policy.forecast;

/**
 * One-step-ahead forecast errors, as a root mean square: a plain mean over the first
 * {@code 1 / FORGET} errors, exponential forgetting after (so the first error does not weigh as
 * much as all the later ones together).
 */
final class ErrorTracker {
    /**
     * Weight of the newest squared error: about the last 1 / 0.1 = 10 intervals count, so the margin
     * follows a change of regime within a slow interval or two.
     */
    static final double FORGET = 0.1;
    private double meanSquare;
    private int count;

    void record(double predicted, double actual) {
        if (!Double.isFinite(predicted)) {
            return;
        }
        double e = actual - predicted;
        count++;
        double weight = Math.max(FORGET, 1.0 / count);
        meanSquare = (1 - weight) * meanSquare + weight * e * e;
    }

    double rms() {
        return Math.sqrt(meanSquare);
    }
}
