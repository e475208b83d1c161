package dev.plimsoll.autoscaler.policy.forecast;

/**
 * Predicts a load series (requests per second, one value per control interval) a few intervals
 * ahead. Not thread-safe; one per policy.
 */
public interface Forecaster {
    /** The value measured over the interval just ended; non-finite values are ignored. */
    void observe(double value);

    /** The expected value {@code steps} intervals ahead (1 = the next); NaN before any observation. */
    double forecast(int steps);

    /**
     * Root mean square of the one-step-ahead errors so far (the spread a floor adds margin for);
     * 0 before two observations.
     */
    double errorRms();

    /** Builds a forecaster by name, a Holt-Winters season defaulting to a day of 180 s intervals. */
    static Forecaster of(String name) {
        return of(name, 180_000);
    }

    /**
     * Builds a forecaster by name: last, holt, holt-winters[:SEASON], kalman. Holt-Winters' season
     * is SEASON intervals, by default one day of {@code intervalMs} intervals (load follows the day).
     */
    static Forecaster of(String name, double intervalMs) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("last")) {
            return new LastValueForecaster();
        }
        if (n.equals("holt")) {
            return new HoltForecaster(HoltForecaster.DEFAULT_ALPHA, HoltForecaster.DEFAULT_BETA);
        }
        if (n.startsWith("holt-winters")) {
            int season;
            try {
                season = n.contains(":") ? Integer.parseInt(n.substring(n.indexOf(':') + 1))
                        : (int) Math.max(2, Math.round(HoltWintersForecaster.DAY_MS / intervalMs));
            } catch (NumberFormatException e) {
                throw new dev.plimsoll.perfmodel.error.UserInputException("forecaster '" + name
                        + "': the season must be a whole number of intervals");
            }
            return new HoltWintersForecaster(HoltForecaster.DEFAULT_ALPHA, HoltForecaster.DEFAULT_BETA,
                    HoltWintersForecaster.DEFAULT_GAMMA, season);
        }
        if (n.equals("kalman")) {
            return new KalmanForecaster();
        }
        throw new dev.plimsoll.perfmodel.error.UserInputException("unknown forecaster '" + name
                + "'; expected last, holt, holt-winters[:SEASON] or kalman");
    }
}
