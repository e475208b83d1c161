package dev.plimsoll.perfmodel.calib.table;

/** A numeric column of a kernel table and its interpolation scale. */
public record Axis(String column, AxisScale scale) {
    static Axis log2(String column) {
        return new Axis(column, AxisScale.LOG2);
    }
}
