package dev.plimsoll.perfmodel.sim;

/**
 * Inter-token latencies, one weighted sample per output token, in log-spaced buckets of 0.1 %
 * relative width from 1 microsecond to about 3 hours: percentiles within 0.1 % without keeping
 * millions of samples. Mean and maximum are exact.
 */
final class TokenLatencyHistogram {
    private static final double MIN_MS = 1e-3;
    private static final double GROWTH = 1.001;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int BUCKETS = (int) Math.ceil(Math.log(1e7 / MIN_MS) / LOG_GROWTH) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private double sum;
    private double max;

    /** The last value recorded and its bucket: the requests of one step share their gap. */
    private double lastMs = Double.NaN;
    private int lastBucket;

    /** Records {@code weight} tokens that each took {@code ms}. */
    void add(double ms, int weight) {
        int bucket;
        if (ms == lastMs) {
            bucket = lastBucket;
        } else {
            bucket = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, (int) (Math.log(ms / MIN_MS) / LOG_GROWTH) + 1);
            lastMs = ms;
            lastBucket = bucket;
        }
        counts[bucket] += weight;
        count += weight;
        sum += ms * weight;
        max = Math.max(max, ms);
    }

    LatencyStats stats() {
        if (count == 0) {
            return LatencyStats.EMPTY;
        }
        return new LatencyStats(count, sum / count, percentile(50), percentile(90), percentile(99), max);
    }

    /** The value at percentile p: the geometric middle of the bucket holding that rank, capped at the maximum. */
    private double percentile(double p) {
        long rank = (long) Math.ceil(p / 100.0 * count);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= Math.max(1, rank)) {
                if (b == 0) {
                    return Math.min(MIN_MS, max);
                }
                double lo = MIN_MS * Math.pow(GROWTH, b - 1);
                return Math.min(lo * Math.sqrt(GROWTH), max);
            }
        }
        return max;
    }
}
