package dev.plimsoll.perfmodel.sim;

import java.util.Arrays;

/** A growable array of doubles, and the order statistics the results need. */
final class DoubleList {
    private double[] values = new double[256];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double get(int i) {
        return values[i];
    }

    /** Count, mean, median, p90, p99 and maximum. */
    LatencyStats stats() {
        if (size == 0) {
            return LatencyStats.EMPTY;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new LatencyStats(size, sum / size, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[size - 1]);
    }

    /**
     * Linear interpolation between the closest ranks: numpy.percentile's default, which vLLM's
     * benchmark_serving uses for its percentiles.
     */
    static double percentile(double[] sorted, double p) {
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
