package dev.plimsoll.perfmodel.calib.grid;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Measured values of one kernel shape over its grid axes (1 or 2 of them: tokens; or batch and
 * sequence length), stored densely with holes where no point was measured. Reading a point:
 * <ul>
 *   <li>exact hit: the measured value;</li>
 *   <li>inside: axis by axis, a local monotone cubic through up to two measured neighbours on each
 *       side (holes are stepped over);</li>
 *   <li>outside the measured range of an axis: the boundary value is held (and a penalty records
 *       how much the curve was still moving there).</li>
 * </ul>
 * With two axes both reading orders are tried; bracketed readings are averaged, otherwise the one
 * with the smallest extrapolation penalty wins.
 */
public final class GridCurve {
    /** Two scaled coordinates closer than this are the same point. */
    static final double EPS = 1e-9;
    /** Penalty slope assumed when a held boundary has no second point to measure its slope. */
    private static final double UNKNOWN_SLOPE = 1.0;

    private final double[][] axes;
    private final int[] strides;
    private final double[] values;
    private final short[] labels;
    private final double floorMs;

    private GridCurve(double[][] axes, double[] values, short[] labels, double floorMs) {
        this.axes = axes;
        this.values = values;
        this.labels = labels;
        this.floorMs = floorMs;
        this.strides = new int[axes.length];
        int s = 1;
        for (int a = axes.length - 1; a >= 0; a--) {
            strides[a] = s;
            s *= axes[a].length;
        }
    }

    /**
     * @param coords  scaled grid coordinates of each point
     * @param values  value of each point (a later duplicate overwrites an earlier one)
     * @param labels  kernel label index of each point
     * @param floorMs fixed part of this shape's time (see the family model)
     */
    public static GridCurve of(List<double[]> coords, double[] values, int[] labels, double floorMs) {
        int d = coords.get(0).length;
        double[][] axes = new double[d][];
        for (int a = 0; a < d; a++) {
            TreeSet<Double> set = new TreeSet<>();
            for (double[] c : coords) {
                set.add(c[a]);
            }
            axes[a] = set.stream().mapToDouble(Double::doubleValue).toArray();
        }
        int size = 1;
        for (double[] ax : axes) {
            size = Math.multiplyExact(size, ax.length);
        }
        double[] dense = new double[size];
        short[] lab = new short[size];
        Arrays.fill(dense, Double.NaN);
        Arrays.fill(lab, (short) -1);
        GridCurve g = new GridCurve(axes, dense, lab, floorMs);
        for (int p = 0; p < coords.size(); p++) {
            int flat = 0;
            for (int a = 0; a < d; a++) {
                flat += Arrays.binarySearch(axes[a], coords.get(p)[a]) * g.strides[a];
            }
            dense[flat] = values[p];
            lab[flat] = (short) labels[p];
        }
        return g;
    }

    /**
     * A curve from its stored parts as {@link #of} laid them out (the prebuilt form of a bundle):
     * sorted distinct coordinates per axis, values row-major over the axes with NaN where nothing
     * was measured, a kernel label per value (-1 for none). The arrays are kept, not copied, and may
     * be shared between curves.
     */
    public static GridCurve ofDense(double[][] axes, double[] values, short[] labels, double floorMs) {
        int size = 1;
        for (double[] ax : axes) {
            size = Math.multiplyExact(size, ax.length);
        }
        if (axes.length == 0 || values.length != size || labels.length != size) {
            throw new IllegalArgumentException("a grid of " + size + " points needs as many values and labels, got "
                    + values.length + " and " + labels.length);
        }
        return new GridCurve(axes, values, labels, floorMs);
    }

    /** Coordinates of axis {@code a}, sorted (the array itself: do not change it). */
    public double[] axis(int a) {
        return axes[a];
    }

    /** Values row-major over the axes, NaN where nothing was measured (the array itself). */
    public double[] denseValues() {
        return values;
    }

    /** Kernel label per value, -1 where nothing was measured (the array itself). */
    public short[] denseLabels() {
        return labels;
    }

    public double floorMs() {
        return floorMs;
    }

    public int dimensions() {
        return axes.length;
    }

    /** Measured points. */
    public int points() {
        int n = 0;
        for (double v : values) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        return n;
    }

    /** Reads the curve at scaled coordinates {@code x}; null if it holds no point at all. */
    public Estimate at(double[] x) {
        int d = axes.length;
        int[] order = new int[d];
        for (int a = 0; a < d; a++) {
            order[a] = a;
        }
        Estimate first = read(x, order, 0, new int[d]);
        if (d == 1 || first == null || first.exact()) {
            return first;
        }
        int[] reversed = new int[d];
        for (int a = 0; a < d; a++) {
            reversed[a] = d - 1 - a;
        }
        Estimate second = read(x, reversed, 0, new int[d]);
        return combine(first, second);
    }

    static Estimate combine(Estimate a, Estimate b) {
        if (b == null) {
            return a;
        }
        if (a.penalty() == 0 && b.penalty() == 0) {
            return new Estimate((a.value() + b.value()) / 2, 0, false, a.label());
        }
        return a.penalty() <= b.penalty() ? a : b;
    }

    private Estimate read(double[] x, int[] order, int level, int[] idx) {
        if (level == order.length) {
            int flat = 0;
            for (int a = 0; a < idx.length; a++) {
                flat += idx[a] * strides[a];
            }
            double v = values[flat];
            return Double.isNaN(v) ? null : new Estimate(v, 0, true, labels[flat]);
        }
        int a = order[level];
        double[] c = axes[a];
        double t = x[a];
        int upper = upperIndex(c, t);
        int lower = upper - 1;
        if (lower >= 0 && Math.abs(c[lower] - t) <= EPS) {
            idx[a] = lower;
            Estimate hit = read(x, order, level + 1, idx);
            if (hit != null) {
                return hit;
            }
            lower--;
        }
        double[] xs = new double[4];
        double[] ys = new double[4];
        Estimate[] es = new Estimate[4];
        int nLow = 0;
        for (int i = lower; i >= 0 && nLow < 2; i--) {
            idx[a] = i;
            Estimate e = read(x, order, level + 1, idx);
            if (e != null) {
                // stored from the middle outwards: slot 1 nearest, slot 0 second nearest
                xs[1 - nLow] = c[i];
                es[1 - nLow] = e;
                nLow++;
            }
        }
        int nHigh = 0;
        for (int i = upper; i < c.length && nHigh < 2; i++) {
            idx[a] = i;
            Estimate e = read(x, order, level + 1, idx);
            if (e != null) {
                xs[2 + nHigh] = c[i];
                es[2 + nHigh] = e;
                nHigh++;
            }
        }
        if (nLow > 0 && nHigh > 0) {
            int from = 2 - nLow;
            int n = nLow + nHigh;
            double[] px = new double[n];
            double[] py = new double[n];
            for (int i = 0; i < n; i++) {
                px[i] = xs[from + i];
                py[i] = es[from + i].value();
            }
            double v = Pchip.at(px, py, n, t);
            Estimate lo = es[1];
            Estimate hi = es[2];
            int label = (t - xs[1]) <= (xs[2] - t) ? lo.label() : hi.label();
            return new Estimate(v, Math.max(lo.penalty(), hi.penalty()), false, label);
        }
        if (nLow > 0) {
            return hold(es[1], xs[1], nLow > 1 ? es[0] : null, xs[0], t);
        }
        if (nHigh > 0) {
            return hold(es[2], xs[2], nHigh > 1 ? es[3] : null, xs[3], t);
        }
        return null;
    }

    /** Holds the boundary value {@code near} (at {@code xn}) out to {@code t}. */
    static Estimate hold(Estimate near, double xn, Estimate second, double xs, double t) {
        double slope = second == null ? UNKNOWN_SLOPE : Math.abs(near.value() - second.value()) / Math.abs(xn - xs);
        double penalty = near.penalty() + slope * Math.abs(t - xn) + EPS;
        return new Estimate(near.value(), penalty, false, near.label());
    }

    /** First index whose coordinate is above {@code t} (beyond EPS). */
    private static int upperIndex(double[] c, double t) {
        int lo = 0;
        int hi = c.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c[mid] <= t + EPS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
