package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.KernelRoofline;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the fixed cost per kernel (per category) and per collective (per category and GPU count)
 * by weighted least squares: time = fixed + ideal / utilisation, rows scaled by 1 / time.
 */
public final class FixedCostFitter {
    /** A line needs more points than parameters to say anything about its quality. */
    private static final int MIN_POINTS = 3;

    private FixedCostFitter() {
    }

    /** The fit a row belongs to: its category, and for collectives its GPU count too. */
    public static String key(KernelFamily family, KernelRow r) {
        boolean collective = family == KernelFamily.ALLREDUCE || family == KernelFamily.NCCL;
        return collective ? r.category() + " gpus=" + (long) r.shape()[0] : r.category();
    }

    public static List<FixedCostFit> fit(KernelFamily family, Collection<KernelRow> rows, ReferenceSpec reference) {
        Map<String, List<double[]>> groups = new TreeMap<>();
        for (KernelRow r : rows) {
            String key = key(family, r);
            double ideal = KernelRoofline.ideal(KernelQuery.ofRow(family, r), reference).ms();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[]{ideal, r.latencyMs()});
        }
        List<FixedCostFit> out = new ArrayList<>();
        groups.forEach((key, pts) -> {
            FixedCostFit f = fitLine(family.key(), key, pts);
            if (f != null) {
                out.add(f);
            }
        });
        return out;
    }

    /** Four significant digits: what a report shows, and a stable manifest. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    /** @param pts {ideal ms, measured ms} pairs */
    static FixedCostFit fitLine(String family, String key, List<double[]> pts) {
        int n = pts.size();
        if (n < MIN_POINTS) {
            return null;
        }
        double[] y = new double[n];
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double ideal = pts.get(i)[0];
            double t = pts.get(i)[1];
            y[i] = 1.0;
            x[i][0] = 1.0 / t;
            x[i][1] = ideal / t;
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        double[] beta;
        try {
            ols.newSampleData(y, x);
            beta = ols.estimateRegressionParameters();
        } catch (MathIllegalArgumentException e) { // includes SingularMatrixException
            return null;
        }
        double fixedMs = beta[0];
        double slope = beta[1];
        double sumW = 0;
        double sumWt = 0;
        for (double[] p : pts) {
            double w = 1.0 / (p[1] * p[1]);
            sumW += w;
            sumWt += w * p[1];
        }
        double meanW = sumWt / sumW;
        double ssRes = 0;
        double ssTot = 0;
        double sq = 0;
        for (double[] p : pts) {
            double w = 1.0 / (p[1] * p[1]);
            double fitted = fixedMs + slope * p[0];
            ssRes += w * (p[1] - fitted) * (p[1] - fitted);
            ssTot += w * (p[1] - meanW) * (p[1] - meanW);
            sq += (p[1] - fitted) * (p[1] - fitted);
        }
        double r2 = ssTot > 0 ? 1.0 - ssRes / ssTot : 1.0;
        return new FixedCostFit(family, key, round(fixedMs * 1000.0), round(slope > 0 ? 1.0 / slope : 0.0),
                round(r2), round(Math.sqrt(sq / n) * 1000.0), round(Math.sqrt(ssRes / n)), n);
    }
}
