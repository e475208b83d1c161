package dev.plimsoll.perfmodel.calib.grid;

/**
 * Local monotone cubic (Fritsch-Carlson PCHIP with the Fritsch-Butland slope mean) through up to
 * four points around the interval that holds the target: smooth between measured points, never
 * overshooting them, linear when only two points exist.
 */
final class Pchip {
    private Pchip() {
    }

    /**
     * @param xs sorted abscissae (2 to 4 points, distinct)
     * @param ys ordinates
     * @param n  how many of xs/ys are used
     * @param t  target, inside [xs[0], xs[n-1]]
     */
    static double at(double[] xs, double[] ys, int n, double t) {
        if (n == 1) {
            return ys[0];
        }
        int i = 0;
        while (i < n - 2 && t > xs[i + 1]) {
            i++;
        }
        double x0 = xs[i];
        double x1 = xs[i + 1];
        double y0 = ys[i];
        double y1 = ys[i + 1];
        double h = x1 - x0;
        double d = (y1 - y0) / h;
        if (n == 2) {
            return y0 + (t - x0) * d;
        }
        double m0 = i > 0 ? slope(x0 - xs[i - 1], (y0 - ys[i - 1]) / (x0 - xs[i - 1]), h, d) : d;
        double m1 = i + 2 < n ? slope(h, d, xs[i + 2] - x1, (ys[i + 2] - y1) / (xs[i + 2] - x1)) : d;
        double s = (t - x0) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * h * m0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * h * m1;
    }

    /** Weighted harmonic mean of the neighbouring secants; 0 at a local extremum. */
    private static double slope(double h0, double d0, double h1, double d1) {
        if (d0 * d1 <= 0) {
            return 0.0;
        }
        double w1 = 2 * h1 + h0;
        double w2 = h1 + 2 * h0;
        return (w1 + w2) / (w1 / d0 + w2 / d1);
    }
}
