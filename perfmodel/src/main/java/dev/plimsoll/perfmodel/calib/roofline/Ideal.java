package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.cost.Bound;

/**
 * Roofline time of one kernel call at 100% of peak, without any fixed cost.
 *
 * @param computeMs       FLOPs / peak
 * @param memoryMs        bytes / memory bandwidth
 * @param communicationMs bus bytes / scale-up bandwidth (collectives)
 */
public record Ideal(double computeMs, double memoryMs, double communicationMs) {
    /** Floor on the ideal time so that the log of a utilisation stays finite (1 ns). */
    static final double MIN_MS = 1e-6;

    public double ms() {
        return Math.max(MIN_MS, Math.max(communicationMs, Math.max(computeMs, memoryMs)));
    }

    public Bound bound() {
        if (communicationMs > 0 || (computeMs == 0 && memoryMs == 0)) {
            return Bound.COMMUNICATION;
        }
        return computeMs >= memoryMs ? Bound.COMPUTE : Bound.MEMORY;
    }
}
