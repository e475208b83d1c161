package dev.plimsoll.perfmodel.calib.grid;

/**
 * Log busy-utilisation and fixed part read for one shape at one grid point.
 *
 * @param value       log(ideal / (time - floor))
 * @param floorMs     fixed part of the time
 * @param penalty     extrapolation penalty (0 when bracketed everywhere)
 * @param exactPoint  a measured row was hit
 * @param measuredShape the shape itself was measured (else read from neighbouring shapes)
 */
public record ShapeEstimate(double value, double floorMs, double penalty, boolean exactPoint, boolean measuredShape) {
    /** Time at this point for a kernel whose ideal time is {@code idealMs}. */
    public double timeMs(double idealMs) {
        return floorMs + idealMs / Math.exp(value);
    }
}
