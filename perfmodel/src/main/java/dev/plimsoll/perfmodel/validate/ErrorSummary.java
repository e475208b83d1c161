package dev.plimsoll.perfmodel.validate;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Error figures of a set of predictions, as fractions (0.12 = 12%): median and p90 of the
 * absolute percentage error, and the median signed error (bias).
 */
public record ErrorSummary(int rows, double ttftMedianApe, double ttftP90Ape, double tpotMedianApe,
                           double tpotP90Ape, double ttftBias, double tpotBias) {

    public static ErrorSummary of(List<RowPrediction> predictions) {
        return new ErrorSummary(predictions.size(),
                quantile(values(predictions, p -> Math.abs(p.ttftError())), 0.5),
                quantile(values(predictions, p -> Math.abs(p.ttftError())), 0.9),
                quantile(values(predictions, p -> Math.abs(p.tpotError())), 0.5),
                quantile(values(predictions, p -> Math.abs(p.tpotError())), 0.9),
                quantile(values(predictions, RowPrediction::ttftError), 0.5),
                quantile(values(predictions, RowPrediction::tpotError), 0.5));
    }

    private static double[] values(List<RowPrediction> ps, ToDoubleFunction<RowPrediction> f) {
        return ps.stream().mapToDouble(f).toArray();
    }

    /** Linear-interpolated quantile (numpy's default); NaN for no values. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
