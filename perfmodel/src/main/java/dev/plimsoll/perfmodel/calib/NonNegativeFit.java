package dev.plimsoll.perfmodel.calib;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;

import java.util.ArrayList;
import java.util.List;

/**
 * Least squares with non-negative coefficients over a few features, by trying every subset of
 * features (2^n normal-equation solves; n is 5 for {@link MarlinMoe}): the best feasible subset is
 * the non-negative optimum.
 */
final class NonNegativeFit {
    /** A pivot below this is a singular subset (the normal equations of collinear features). */
    private static final double SINGULAR_PIVOT = 1e-300;

    private NonNegativeFit() {
    }

    /**
     * Coefficients c &gt;= 0 minimising the sum of ((features_i . c - y_i) / y_i)^2: relative error, so
     * that a 40 us decode call weighs as much as a 40 ms prefill call.
     */
    static double[] relative(List<double[]> features, List<Double> y) {
        int n = features.get(0).length;
        // columns scaled to a largest value of 1 (bytes and FLOPs are 1e9 and 1e12 apart)
        double[] scale = new double[n];
        for (double[] f : features) {
            for (int i = 0; i < n; i++) {
                scale[i] = Math.max(scale[i], Math.abs(f[i]));
            }
        }
        List<double[]> scaled = new ArrayList<>(features.size());
        for (double[] f : features) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = scale[i] > 0 ? f[i] / scale[i] : 0;
            }
            scaled.add(g);
        }
        double[] c = scaledFit(scaled, y, n);
        for (int i = 0; i < n; i++) {
            c[i] = scale[i] > 0 ? c[i] / scale[i] : 0;
        }
        return c;
    }

    private static double[] scaledFit(List<double[]> features, List<Double> y, int n) {
        double[] best = new double[n];
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int mask = 1; mask < (1 << n); mask++) {
            double[] c = solve(features, y, mask, n);
            if (c == null) {
                continue;
            }
            double r = residual(features, y, c);
            if (r < bestResidual) {
                bestResidual = r;
                best = c;
            }
        }
        return best;
    }

    /** The weighted least-squares solution on the features of {@code mask}; null if infeasible or singular. */
    private static double[] solve(List<double[]> features, List<Double> y, int mask, int n) {
        int[] idx = new int[Integer.bitCount(mask)];
        for (int i = 0, j = 0; i < n; i++) {
            if ((mask & (1 << i)) != 0) {
                idx[j++] = i;
            }
        }
        int m = idx.length;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int r = 0; r < features.size(); r++) {
            double w = 1.0 / y.get(r);
            double[] f = features.get(r);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    a[i][j] += f[idx[i]] * w * f[idx[j]] * w;
                }
                b[i] += f[idx[i]] * w * y.get(r) * w;
            }
        }
        DecompositionSolver normal = new LUDecomposition(new Array2DRowRealMatrix(a, false), SINGULAR_PIVOT)
                .getSolver();
        if (!normal.isNonSingular()) {
            return null;
        }
        double[] x = normal.solve(new ArrayRealVector(b, false)).toArray();
        double[] c = new double[n];
        for (int i = 0; i < m; i++) {
            if (!(x[i] >= 0)) {
                return null;
            }
            c[idx[i]] = x[i];
        }
        return c;
    }

    private static double residual(List<double[]> features, List<Double> y, double[] c) {
        double sum = 0;
        for (int r = 0; r < features.size(); r++) {
            double[] f = features.get(r);
            double p = 0;
            for (int i = 0; i < c.length; i++) {
                p += f[i] * c[i];
            }
            double e = (p - y.get(r)) / y.get(r);
            sum += e * e;
        }
        return sum;
    }
}
