package dev.plimsoll.autoscaler.policy.forecast;

/** One-step-ahead forecast errors, as a root mean square with exponential forgetting. */
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
        meanSquare = count == 0 ? e * e : (1 - FORGET) * meanSquare + FORGET * e * e;
        count++;
    }

    double rms() {
        return Math.sqrt(meanSquare);
    }
}
