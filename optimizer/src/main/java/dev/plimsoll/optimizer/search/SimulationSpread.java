package dev.plimsoll.optimizer.search;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Confidence intervals of a statistic (a latency percentile, or the share of requests above a
 * bound) from confirming simulations: independent runs (seeds), each cut into batches of send time
 * after its warm-up. Two estimators of the spread, the wider one kept:
 * <ul>
 *   <li>independent replications: the runs' own values, {@code t(n - 1) * s_runs / sqrt(n)}
 *       (A. M. Law, "Simulation Modeling and Analysis", 5th ed., 2015, chapter 9, the
 *       replication/deletion approach); it sees what persists through a run, such as a queue
 *       that builds up or a schedule that locks into waves;</li>
 *   <li>sectioning over the batches: {@code t(b - 1) * s_batches / sqrt(b)}, the batch estimates
 *       of a dependent sequence (P. Heidelberger and P. A. W. Lewis, "Quantile estimation in
 *       dependent sequences", Operations Research 32(1), 1984) around the whole-run estimate
 *       (M. K. Nakayama, "Confidence intervals for quantiles using sectioning when applying
 *       variance-reduction techniques", ACM TOMACS 24(4), 2014); it sees the noise within runs.</li>
 * </ul>
 * The centre is the mean of the runs' values.
 */
public final class SimulationSpread {
    /** Student-t quantiles per degrees of freedom and level (the distribution's set-up is not free). */
    private static final ConcurrentHashMap<Long, Double> T = new ConcurrentHashMap<>();

    private SimulationSpread() {
    }

    /**
     * {centre, low, high} at two-sided {@code level}; NaN bounds when neither the runs nor the
     * batches number two, or a value is NaN.
     */
    public static double[] interval(double[] runValues, double[] batchValues, double level) {
        double centre = mean(runValues);
        double half = Double.NaN;
        if (runValues.length >= 2) {
            half = tQuantile(runValues.length - 1, level) * sd(runValues) / Math.sqrt(runValues.length);
        }
        if (batchValues.length >= 2) {
            double sectioned = tQuantile(batchValues.length - 1, level) * sd(batchValues)
                    / Math.sqrt(batchValues.length);
            half = Double.isNaN(half) ? sectioned : Math.max(half, sectioned);
        }
        return new double[] {centre, centre - half, centre + half};
    }

    /** The {@code 1 - (1 - level) / 2} quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile(int df, double level) {
        long key = ((long) df << 32) ^ Double.doubleToLongBits(level);
        return T.computeIfAbsent(key, k -> new TDistribution(null, df)
                .inverseCumulativeProbability(1 - (1 - level) / 2));
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return v.length == 0 ? Double.NaN : sum / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
