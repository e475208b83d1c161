package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.specs.L2Cache;

/**
 * Where a kernel's memory traffic was served when its table row was measured, and where it is
 * served when the same measurement is made on another GPU.
 *
 * <p>The kernel tables time each kernel by replaying it over the same buffers (AIConfigurator's
 * collectors run the op repeatedly, or capture it in a CUDA graph and replay that, on tensors
 * allocated once). A working set that fits the L2 therefore stays in it from one replay to the next,
 * and the row measures an L2-bound kernel, not an HBM-bound one. Whether it fits is a matter of
 * capacity: te42kyfo/gpu-benches' gpu-l2-cache on an H200 reads 9.7-10 TB/s up to 44 MB, 7.5 at
 * 48 MB, 4.5 at 63 MB and the HBM's 3.9 TB/s from 76 MB on (gpu-l2-cache/h200.txt), so a step at the
 * 50 MB capacity is where the measured bandwidth falls.
 *
 * <p>The transfer's utilisations are taken against the HBM roofline on both GPUs
 * ({@link dev.plimsoll.perfmodel.calib.roofline.KernelRoofline}), so a row served from the source's
 * L2 carries its L2's advantage inside its utilisation. {@link #servedTarget} moves it: the target's
 * memory time is multiplied by speedup(source) / speedup(target), speedup = L2 bandwidth over HBM
 * bandwidth where the working set fits that GPU's L2 and 1 where it does not (the L2 figure is a
 * sustained measurement, the HBM one a datasheet peak: their ratio understates the L2's advantage by
 * the HBM's achieved fraction, about 0.8 on every GPU here, which cancels where the set fits both
 * L2s and leaves the one-sided cases conservative). With the utilisation
 * held, the memory-bound part then scales by L2(source) / L2(target) where the working set fits both,
 * L2(source) / HBM(target) where it fits only the source's, HBM(source) / L2(target) where it fits
 * only the target's, and by the HBM ratio as before where it fits neither.
 *
 * <p>What the replay keeps touching is {@link TableReplay}'s to say (GEMM collectors rotate several
 * weight copies; MoE is left out); serving replays nothing, so the rule belongs to reproducing
 * tables only ({@link TableReplay#SERVING}).
 */
final class L2Residency {
    private L2Residency() {
    }

    /**
     * The target's roofline with its memory time moved to where the working set is served, relative to
     * where the source's was; the ideal itself when the source's bound is not memory (its utilisation
     * is not about bytes), when either GPU lacks L2 figures, or when the working set sits on the same
     * side of both capacities at the same speed-up.
     *
     * @param idealRef        the kernel's roofline on the source (HBM bandwidth)
     * @param idealTarget     the kernel's roofline on the target (HBM bandwidth)
     * @param workingSetBytes what the table's replay keeps touching ({@link TableReplay}); NaN: no rule
     */
    static Ideal servedTarget(Ideal idealRef, Ideal idealTarget, ReferenceSpec source, ReferenceSpec target,
                              double workingSetBytes) {
        if (idealRef.bound() != Bound.MEMORY || Double.isNaN(workingSetBytes) || !source.l2Cache().known()
                || !target.l2Cache().known()) {
            return idealTarget;
        }
        double factor = speedup(workingSetBytes, source) / speedup(workingSetBytes, target);
        return factor == 1.0 ? idealTarget
                : idealTarget.withMemoryScaled(factor);
    }

    /**
     * How much faster than its HBM a GPU reads a replayed working set: its L2 bandwidth over its HBM
     * bandwidth where the set fits its L2 (at least 1), else 1.
     */
    static double speedup(double workingSetBytes, ReferenceSpec gpu) {
        L2Cache l2 = gpu.l2Cache();
        return l2.holds(workingSetBytes) ? Math.max(1.0, l2.bandwidthBytesPerS() / gpu.memoryBytesPerS()) : 1.0;
    }
}
