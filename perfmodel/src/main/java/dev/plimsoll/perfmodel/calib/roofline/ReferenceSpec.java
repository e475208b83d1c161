package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.L2Cache;
import dev.plimsoll.perfmodel.specs.SoftmaxExponentials;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The GPU figures a utilisation is measured against: dense tensor-core peaks, memory bandwidth and
 * scale-up link bandwidth per direction. Utilisation is taken against the raw peaks (no efficiency
 * factors), so "0.78" reads as 78% of the spec sheet.
 *
 * @param gpuId             Plimsoll GPU id
 * @param peakFlopsPerS     peak per compute type; a missing type runs at the bf16 peak
 * @param memoryBytesPerS   HBM / GDDR bandwidth
 * @param scaleUpBytesPerS  NVLink / fabric bandwidth per GPU per direction
 * @param l2Cache           L2 capacity and sustained bandwidth ({@link L2Cache#UNKNOWN} when not given):
 *                          where a replayed kernel's working set is read from ({@code L2Residency})
 * @param exponentialsPerS  softmax exponentials per second on the special function units
 *                          ({@link SoftmaxExponentials}); 0 where not known
 */
public record ReferenceSpec(String gpuId, Map<ComputeDtype, Double> peakFlopsPerS, double memoryBytesPerS,
                            double scaleUpBytesPerS, L2Cache l2Cache, double exponentialsPerS) {
    public ReferenceSpec {
        Objects.requireNonNull(gpuId, "gpuId");
        Objects.requireNonNull(l2Cache, "l2Cache");
        peakFlopsPerS = Map.copyOf(new EnumMap<>(peakFlopsPerS));
        if (!peakFlopsPerS.containsKey(ComputeDtype.BF16)) {
            throw new IllegalArgumentException("reference spec " + gpuId + " needs a bf16 peak");
        }
        if (!(memoryBytesPerS > 0) || !(scaleUpBytesPerS > 0)) {
            throw new IllegalArgumentException("reference spec " + gpuId + " needs positive bandwidths");
        }
        if (!(exponentialsPerS >= 0) || Double.isInfinite(exponentialsPerS)) {
            throw new IllegalArgumentException("reference spec " + gpuId + " needs an exponential rate of 0 or more");
        }
    }

    /** Figures without the exponential rate (unknown). */
    public ReferenceSpec(String gpuId, Map<ComputeDtype, Double> peakFlopsPerS, double memoryBytesPerS,
                         double scaleUpBytesPerS, L2Cache l2Cache) {
        this(gpuId, peakFlopsPerS, memoryBytesPerS, scaleUpBytesPerS, l2Cache, 0.0);
    }

    /** Figures without L2 ones ({@link L2Cache#UNKNOWN}). */
    public ReferenceSpec(String gpuId, Map<ComputeDtype, Double> peakFlopsPerS, double memoryBytesPerS,
                         double scaleUpBytesPerS) {
        this(gpuId, peakFlopsPerS, memoryBytesPerS, scaleUpBytesPerS, L2Cache.UNKNOWN);
    }

    public static ReferenceSpec of(GpuSpec gpu) {
        return new ReferenceSpec(gpu.id(), gpu.peakFlopsPerS(), gpu.memoryBandwidthBytesPerS(),
                gpu.scaleUpBandwidthBytesPerS(), gpu.l2Cache(), SoftmaxExponentials.perS(gpu));
    }

    /** Whether the exponential rate is known. */
    public boolean knowsExponentials() {
        return exponentialsPerS > 0;
    }

    /** The same figures with the exponential rate unknown. */
    public ReferenceSpec withoutExponentials() {
        return knowsExponentials()
                ? new ReferenceSpec(gpuId, peakFlopsPerS, memoryBytesPerS, scaleUpBytesPerS, l2Cache) : this;
    }

    /** Peak of a compute type, or the bf16 peak where the GPU has no such tensor cores. */
    public double peak(ComputeDtype dtype) {
        Double v = peakFlopsPerS.get(dtype);
        return v != null ? v : peakFlopsPerS.get(ComputeDtype.BF16);
    }

    /**
     * Dissimilarity of two GPUs for transferring measured curves: the summed absolute log ratios of
     * bf16 peak, memory bandwidth and scale-up bandwidth (0 for identical figures).
     */
    public double distance(ReferenceSpec other) {
        return Math.abs(Math.log(peak(ComputeDtype.BF16) / other.peak(ComputeDtype.BF16)))
                + Math.abs(Math.log(memoryBytesPerS / other.memoryBytesPerS))
                + Math.abs(Math.log(scaleUpBytesPerS / other.scaleUpBytesPerS));
    }

    /**
     * Whether both GPUs have tensor cores for the same number formats: the architecture generation
     * as the spec sheets draw it (Ampere without FP8, Hopper with FP8, Blackwell with FP4 as well).
     */
    public boolean sameFormats(ReferenceSpec other) {
        return peakFlopsPerS.containsKey(ComputeDtype.FP8) == other.peakFlopsPerS.containsKey(ComputeDtype.FP8)
                && peakFlopsPerS.containsKey(ComputeDtype.FP4) == other.peakFlopsPerS.containsKey(ComputeDtype.FP4);
    }

    /**
     * Same figures (relative tolerance 1e-6); the L2 ones and the exponential rate count only where both
     * sides give them (a bundle written before they existed still matches its GPU).
     */
    public boolean sameFigures(ReferenceSpec other) {
        if (!close(memoryBytesPerS, other.memoryBytesPerS) || !close(scaleUpBytesPerS, other.scaleUpBytesPerS)) {
            return false;
        }
        if (l2Cache.known() && other.l2Cache.known() && (l2Cache.capacityBytes() != other.l2Cache.capacityBytes()
                || !close(l2Cache.bandwidthBytesPerS(), other.l2Cache.bandwidthBytesPerS()))) {
            return false;
        }
        if (knowsExponentials() && other.knowsExponentials() && !close(exponentialsPerS, other.exponentialsPerS)) {
            return false;
        }
        for (ComputeDtype d : ComputeDtype.values()) {
            if (!close(peak(d), other.peak(d))) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }
}
