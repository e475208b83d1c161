package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.cost.Bound;

/**
 * Roofline time of one kernel call at 100% of peak, without any fixed cost.
 *
 * @param computeMs       FLOPs / tensor-core peak
 * @param memoryMs        bytes / memory bandwidth
 * @param communicationMs bus bytes / scale-up bandwidth (collectives)
 * @param exponentialMs   softmax exponentials / the special function units' rate
 *                        ({@code SoftmaxExponentials}); 0 for kernels without a softmax or where the
 *                        rate is unknown. SM work like the matmuls, so it counts as compute-bound.
 */
public record Ideal(double computeMs, double memoryMs, double communicationMs, double exponentialMs) {
    /** Floor on the ideal time so that the log of a utilisation stays finite (1 ns). */
    static final double MIN_MS = 1e-6;

    /** A roofline without exponentials. */
    public Ideal(double computeMs, double memoryMs, double communicationMs) {
        this(computeMs, memoryMs, communicationMs, 0.0);
    }

    public double ms() {
        return Math.max(MIN_MS, Math.max(communicationMs, Math.max(smMs(), memoryMs)));
    }

    /** The streaming multiprocessors' part: the tensor cores' or the exponential units', whichever is longer. */
    public double smMs() {
        return Math.max(computeMs, exponentialMs);
    }

    public Bound bound() {
        if (communicationMs > 0 || (smMs() == 0 && memoryMs == 0)) {
            return Bound.COMMUNICATION;
        }
        return smMs() >= memoryMs ? Bound.COMPUTE : Bound.MEMORY;
    }

    /** The same roofline with its memory time scaled by {@code factor}. */
    public Ideal withMemoryScaled(double factor) {
        return new Ideal(computeMs, memoryMs * factor, communicationMs, exponentialMs);
    }

    /** The same roofline without the exponentials' part. */
    public Ideal withoutExponentials() {
        return exponentialMs == 0 ? this : new Ideal(computeMs, memoryMs, communicationMs);
    }
}
