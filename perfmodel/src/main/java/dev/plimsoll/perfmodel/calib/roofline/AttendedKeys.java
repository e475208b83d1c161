package dev.plimsoll.perfmodel.calib.roofline;

/**
 * Keys attended by a run of causal queries under a sliding window (0 = full attention), in the
 * tables' convention: {@code window_size} keys at most per query.
 */
public final class AttendedKeys {
    private AttendedKeys() {
    }

    /** Keys attended in total by queries at positions prefix .. prefix + queries - 1. */
    public static double sum(double window, double prefix, double queries) {
        if (queries <= 0) {
            return 0;
        }
        double first = prefix + 1;
        double last = prefix + queries;
        if (window <= 0 || last <= window) {
            return (first + last) * queries / 2.0;
        }
        if (first >= window) {
            return queries * window;
        }
        double growing = (first + window) * (window - first + 1) / 2.0;
        return growing + (last - window) * window;
    }

    /** KV entries a request of {@code context} cached tokens reads. */
    public static double cached(double window, double context) {
        return window > 0 ? Math.min(window, context) : context;
    }
}
