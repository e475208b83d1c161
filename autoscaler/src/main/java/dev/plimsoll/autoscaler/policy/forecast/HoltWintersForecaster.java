package dev.plimsoll.autoscaler.policy.forecast;

/**
 * Holt-Winters additive seasonal smoothing: level, trend and one seasonal offset per position of
 * a season of {@code season} intervals (Forecasting: Principles and Practice, 3rd ed., section
 * 8.3). Until a whole season has been seen it forecasts as Holt's method.
 */
public final class HoltWintersForecaster implements Forecaster {
    /** Seasonal smoothing (same source, the usual small value). */
    static final double DEFAULT_GAMMA = 0.1;
    /** The default season: a day, the cycle of interactive LLM traffic (the Azure traces' own diurnal swing). */
    static final double DAY_MS = 86_400_000;

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double[] seasonal;
    private final HoltForecaster warmup;
    private long seen;
    private double level = Double.NaN;
    private double trend;
    private final ErrorTracker errors = new ErrorTracker();

    public HoltWintersForecaster(double alpha, double beta, double gamma, int season) {
        if (season < 2) {
            throw new IllegalArgumentException("a season needs >= 2 intervals, got " + season);
        }
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.seasonal = new double[season];
        this.warmup = new HoltForecaster(alpha, beta);
    }

    @Override
    public void observe(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        errors.record(forecast(1), value);
        int position = (int) (seen % seasonal.length);
        seen++;
        if (seen <= seasonal.length) {
            warmup.observe(value);
            seasonal[position] = value;
            if (seen == seasonal.length) {
                double mean = 0;
                for (double v : seasonal) {
                    mean += v;
                }
                mean /= seasonal.length;
                for (int i = 0; i < seasonal.length; i++) {
                    seasonal[i] -= mean;
                }
                level = mean;
                trend = 0;
            }
            return;
        }
        double previous = level;
        level = alpha * (value - seasonal[position]) + (1 - alpha) * (level + trend);
        trend = beta * (level - previous) + (1 - beta) * trend;
        seasonal[position] = gamma * (value - level) + (1 - gamma) * seasonal[position];
    }

    @Override
    public double forecast(int steps) {
        if (seen < seasonal.length) {
            return warmup.forecast(steps);
        }
        int position = (int) ((seen + steps - 1) % seasonal.length);
        return Math.max(0.0, level + steps * trend + seasonal[position]);
    }

    @Override
    public double errorRms() {
        return errors.rms();
    }
}
