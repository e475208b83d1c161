package dev.plimsoll.autoscaler.policy.forecast;

/**
 * Holt's linear trend with a damped trend (Gardner and McKenzie): a level and a trend, each
 * smoothed; the forecast h steps ahead is {@code level + (phi + ... + phi^h) trend}, never below
 * 0 (Hyndman and Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., section 8.2).
 * Damping keeps a trend measured on the way up a peak from being extrapolated past it.
 */
public final class HoltForecaster implements Forecaster {
    /** Level smoothing: the textbook's middle of the usual 0.1-0.5 range, weighted to recent load. */
    static final double DEFAULT_ALPHA = 0.5;
    /** Trend smoothing: small, so that one noisy interval does not become a trend (same source). */
    static final double DEFAULT_BETA = 0.1;
    /** Trend damping: the low end of the textbook's usual 0.8-0.98, since load trends turn within hours. */
    static final double DEFAULT_PHI = 0.8;

    private final double alpha;
    private final double beta;
    private final double phi;
    private double level = Double.NaN;
    private double trend;
    private final ErrorTracker errors = new ErrorTracker();

    public HoltForecaster(double alpha, double beta) {
        this(alpha, beta, DEFAULT_PHI);
    }

    public HoltForecaster(double alpha, double beta, double phi) {
        if (!(alpha > 0 && alpha <= 1) || !(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("Holt smoothing factors must be in (0, 1], got " + alpha + ", " + beta);
        }
        if (!(phi > 0 && phi <= 1)) {
            throw new IllegalArgumentException("trend damping must be in (0, 1], got " + phi);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.phi = phi;
    }

    @Override
    public void observe(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        if (Double.isNaN(level)) {
            level = value;
            return;
        }
        errors.record(forecast(1), value);
        double previous = level;
        level = alpha * value + (1 - alpha) * (level + phi * trend);
        trend = beta * (level - previous) + (1 - beta) * phi * trend;
    }

    @Override
    public double forecast(int steps) {
        if (Double.isNaN(level)) {
            return Double.NaN;
        }
        double damped = 0;
        double f = 1;
        for (int k = 1; k <= steps; k++) {
            f *= phi;
            damped += f;
        }
        return Math.max(0.0, level + damped * trend);
    }

    @Override
    public double errorRms() {
        return errors.rms();
    }
}
