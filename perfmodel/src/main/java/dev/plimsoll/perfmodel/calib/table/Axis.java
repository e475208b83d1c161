package dev.plimsoll.perfmodel.calib.table;

import java.util.List;

/** A numeric column of a kernel table and its interpolation scale. */
public record Axis(String column, AxisScale scale) {
    static Axis log2(String column) {
        return new Axis(column, AxisScale.LOG2);
    }

    /** The raw whole-number values of coordinates scaled along {@code axes}, in the same order. */
    public static double[] unscaledWhole(double[] scaled, List<Axis> axes) {
        double[] raw = new double[scaled.length];
        for (int a = 0; a < raw.length; a++) {
            raw[a] = Math.round(axes.get(a).scale().unscale(scaled[a]));
        }
        return raw;
    }
}
