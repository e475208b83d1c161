package dev.plimsoll.perfmodel.calib;

import java.util.Arrays;

/** Order statistics of absolute relative errors (and of measured times: the profiler's medians). */
public final class ErrorStats {
    private ErrorStats() {
    }

    /** Nearest-rank percentile ({@code p} in [0, 1]) of unsorted values; NaN when empty. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /** |predicted - measured| / measured. */
    public static double relativeError(double predicted, double measured) {
        return Math.abs(predicted - measured) / measured;
    }
}
