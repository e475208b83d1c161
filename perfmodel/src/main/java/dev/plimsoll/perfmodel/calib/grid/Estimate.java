package dev.plimsoll.perfmodel.calib.grid;

/**
 * A value read from measured points.
 *
 * @param value   interpolated quantity (log busy-utilisation)
 * @param penalty 0 when every axis was bracketed by measured points; otherwise the accumulated
 *                |local slope| x distance of the boundary values held, a first-order guess of the
 *                extrapolation error used to choose between ways of reading the grid
 * @param exact   a measured point was hit on every axis
 * @param label   kernel label index of the nearest measured point (-1 if none)
 */
public record Estimate(double value, double penalty, boolean exact, int label) {
    public boolean extrapolated() {
        return penalty > 0;
    }
}
