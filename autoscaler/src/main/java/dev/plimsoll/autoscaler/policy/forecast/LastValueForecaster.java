package dev.plimsoll.autoscaler.policy.forecast;

/** Tomorrow is today: the last observed value (Dynamo Planner's "constant" predictor). */
public final class LastValueForecaster implements Forecaster {
    private double last = Double.NaN;
    private final ErrorTracker errors = new ErrorTracker();

    @Override
    public void observe(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        errors.record(last, value);
        last = value;
    }

    @Override
    public double forecast(int steps) {
        return last;
    }

    @Override
    public double errorRms() {
        return errors.rms();
    }
}
