package dev.plimsoll.autoscaler.metrics;

import java.util.Arrays;

/**
 * A cumulative Prometheus histogram (bucket upper bounds in seconds, a +Inf bucket) and its
 * {@code histogram_quantile}: the quantile by linear interpolation inside the bucket that holds
 * it, the lowest bucket's lower bound taken as 0, a quantile in the +Inf bucket answered with the
 * highest finite bound (prometheus.io, "Functions", histogram_quantile).
 */
public final class Histogram {
    /** vLLM's {@code vllm:time_to_first_token_seconds} buckets (vllm/v1/metrics/loggers.py). */
    public static final double[] VLLM_TTFT_BUCKETS_S = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0};
    /** vLLM's {@code vllm:inter_token_latency_seconds} buckets (same file). */
    public static final double[] VLLM_ITL_BUCKETS_S = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0};

    private final double[] bounds;
    /** counts[i]: observations in (bounds[i-1], bounds[i]]; the last entry is above every bound. */
    private final long[] counts;

    public Histogram(double[] boundsS) {
        this.bounds = boundsS.clone();
        this.counts = new long[boundsS.length + 1];
    }

    private Histogram(double[] bounds, long[] counts) {
        this.bounds = bounds;
        this.counts = counts;
    }

    public void observe(double seconds) {
        observe(seconds, 1);
    }

    public void observe(double seconds, long times) {
        int i = Arrays.binarySearch(bounds, seconds);
        counts[i >= 0 ? i : -i - 1] += times;
    }

    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public double[] bounds() {
        return bounds.clone();
    }

    /** Cumulative counts, one per bound and a last one for +Inf. */
    public long[] cumulativeCounts() {
        long[] c = new long[counts.length];
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i];
            c[i] = n;
        }
        return c;
    }

    public Histogram copy() {
        return new Histogram(bounds, counts.clone());
    }

    /** The observations since {@code earlier} (a copy of this histogram taken then). */
    public Histogram minus(Histogram earlier) {
        long[] d = new long[counts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = counts[i] - earlier.counts[i];
        }
        return new Histogram(bounds, d);
    }

    /** Prometheus {@code histogram_quantile(q, ...)} in seconds; NaN when empty. */
    public double quantile(double q) {
        return quantile(q, bounds, cumulativeCounts());
    }

    /** {@code histogram_quantile} over given cumulative bucket counts (the last one +Inf). */
    public static double quantile(double q, double[] bounds, long[] cumulative) {
        long total = cumulative[cumulative.length - 1];
        if (total <= 0 || !(q >= 0 && q <= 1)) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= rank) {
                if (i == bounds.length) {
                    return bounds[bounds.length - 1];
                }
                double lower = i == 0 ? 0.0 : bounds[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                long inBucket = cumulative[i] - below;
                if (inBucket == 0) {
                    return bounds[i];
                }
                return lower + (bounds[i] - lower) * (rank - below) / inBucket;
            }
        }
        return bounds[bounds.length - 1];
    }
}
