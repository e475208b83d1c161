package dev.plimsoll.perfmodel.calib.table;

/**
 * How a numeric table column is spaced for interpolation. Kernel times are close to power laws in
 * token counts, message sizes and matrix sizes, so most axes are interpolated in log2.
 */
public enum AxisScale {
    /** log2(x); x must be positive. */
    LOG2,
    /** log2(x + 1), for counts that may be 0 (decode {@code step}: KV length already cached). */
    LOG2_PLUS_ONE,
    /** Attention window: 0 (full attention) sorts after every finite window. */
    WINDOW;

    /** Full attention sits at 2^24 tokens on the window axis, beyond any measured window. */
    static final double FULL_WINDOW_LOG2 = 24.0;

    public double scale(double x) {
        switch (this) {
            case LOG2:
                return log2(x);
            case LOG2_PLUS_ONE:
                return log2(x + 1.0);
            default:
                return x <= 0 ? FULL_WINDOW_LOG2 : log2(x);
        }
    }

    /** The raw value of a scaled coordinate: the inverse of {@link #scale}. */
    public double unscale(double y) {
        switch (this) {
            case LOG2:
                return Math.pow(2.0, y);
            case LOG2_PLUS_ONE:
                return Math.pow(2.0, y) - 1.0;
            default:
                return y >= FULL_WINDOW_LOG2 ? 0 : Math.pow(2.0, y);
        }
    }

    /** Whether {@code x} is a legal raw value on this axis. */
    public boolean accepts(double x) {
        return this == LOG2 ? x > 0 : x >= 0;
    }

    public String requirement() {
        return this == LOG2 ? "a positive number" : "a non-negative number";
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }
}
