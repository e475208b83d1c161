package dev.plimsoll.autoscaler.policy.forecast;

import org.apache.commons.math3.filter.DefaultMeasurementModel;
import org.apache.commons.math3.filter.DefaultProcessModel;
import org.apache.commons.math3.filter.KalmanFilter;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A local linear trend model (level and slope, a random walk on each) through Commons Math's
 * {@link KalmanFilter}. The noise is scaled to the series itself: measurement variance that of a
 * Poisson count over the interval is unknown here, so both variances are set relative to the
 * first observed value (process 1 %, measurement 5 % of it, squared), which only fixes how much
 * the filter trusts a new point against its trend.
 */
public final class KalmanForecaster implements Forecaster {
    static final double PROCESS_SHARE = 0.01;
    static final double MEASUREMENT_SHARE = 0.05;

    private KalmanFilter filter;
    private final ErrorTracker errors = new ErrorTracker();

    @Override
    public void observe(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        if (filter == null) {
            double scale = Math.max(1e-6, Math.abs(value));
            double q = Math.pow(PROCESS_SHARE * scale, 2);
            double r = Math.pow(MEASUREMENT_SHARE * scale, 2);
            RealMatrix a = new Array2DRowRealMatrix(new double[][] {{1, 1}, {0, 1}});
            RealMatrix qm = new Array2DRowRealMatrix(new double[][] {{q, 0}, {0, q}});
            RealMatrix h = new Array2DRowRealMatrix(new double[][] {{1, 0}});
            RealMatrix rm = new Array2DRowRealMatrix(new double[][] {{r}});
            RealMatrix p0 = new Array2DRowRealMatrix(new double[][] {{r, 0}, {0, r}});
            filter = new KalmanFilter(new DefaultProcessModel(a, null, qm, new ArrayRealVector(new double[] {value, 0}),
                    p0), new DefaultMeasurementModel(h, rm));
            return;
        }
        errors.record(forecast(1), value);
        filter.predict();
        filter.correct(new double[] {value});
    }

    @Override
    public double forecast(int steps) {
        if (filter == null) {
            return Double.NaN;
        }
        double[] x = filter.getStateEstimation();
        return Math.max(0.0, x[0] + steps * x[1]);
    }

    @Override
    public double errorRms() {
        return errors.rms();
    }
}
