package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;

/**
 * Moves a kernel time measured on one GPU (the source) to another GPU's figures (the target),
 * splitting the measured time into three parts that scale with different parts of the hardware:
 * <ol>
 *   <li><b>Launch floor</b> (kept): the shape's fixed part as the source table's own small shapes
 *       give it (the least-squares fixed cost of its category, {@link FixedCostFitter}, capped at
 *       {@value FamilyModel#FLOOR_FRACTION} of the shape's fastest time). Launching a kernel node of a
 *       replayed CUDA graph, filling and draining its pipeline: neither a tensor-core peak nor a
 *       memory bandwidth on a datasheet says how this changes, so it is held.</li>
 *   <li><b>Roofline part</b> (scaled by the bound's spec ratio): the ideal time at the family's
 *       achievable utilisation u_max, ideal / u_max, with the ideal of the kernel's bound (FLOPs over
 *       the dense tensor-core peak of its dtype, bytes over HBM bandwidth, bus bytes over scale-up
 *       bandwidth). Reproducing another GPU's tables, the target's memory time first moves to where
 *       the table's replay reads the working set on each GPU ({@link L2Residency}).</li>
 *   <li><b>SM-bound rest</b> (scaled by the dtype's dense tensor-core peak ratio): whatever the two
 *       above leave of the busy time: tile loops that do not fill the GPU, prologues and epilogues,
 *       synchronisation inside the kernel. That work is issued by the streaming multiprocessors, so
 *       it speeds up with the SM array (SM count x per-SM tensor throughput x clock, which is what the
 *       datasheet's dense peak multiplies out), not with HBM bandwidth. This is why Hopper to Hopper
 *       (H100 to H200: the same 132 SMs and peaks, 1.43x HBM bandwidth) moves only the roofline part,
 *       while Hopper to Blackwell (2.25 against 0.989 dense BF16 PFLOPS, NVIDIA's H200 and B200
 *       datasheets, from 148 SMs against 132 at similar clocks, Chips and Cheese, "Nvidia's B200:
 *       Keeping the CUDA Juggernaut Rolling": about twice the tensor rate per SM) also shrinks the rest.
 *       Collectives have no compute roofline, and the kernels of {@link #TENSOR_CORE_FREE} run on
 *       the CUDA cores, whose throughput the datasheet peaks do not give: their rest is held.</li>
 * </ol>
 * A format the source lacks (FP4 on Hopper) is priced on the source at its bf16 peak
 * ({@code ReferenceSpec#peak}), so the target's FP4 peak over that figure scales both the roofline
 * part and the rest.
 */
final class SpecTransfer {
    /**
     * Families whose work is not tensor-core work: the gated delta-net's causal conv1d and recurrent
     * state update (flash-linear-attention's kernels, element-wise over the state), and the sparse
     * attention's top-k selection (a radix select). Their tables price them against the bf16 peak only
     * for a reference; nothing says they speed up with it.
     */
    static final java.util.Set<KernelFamily> TENSOR_CORE_FREE = java.util.EnumSet.of(KernelFamily.GDN,
            KernelFamily.DSA_TOPK);

    private SpecTransfer() {
    }

    /**
     * The target's time of a kernel.
     *
     * @param family      its kernel family
     * @param timeRefMs   its time on the source (measured or read from the source's curves)
     * @param floorMs     its launch floor on the source
     * @param idealRef    its roofline on the source
     * @param idealTarget its roofline on the target
     * @param uRef        achievable utilisation of its bound on the source (at least its own)
     * @param uTarget     achievable utilisation of its bound on the target
     */
    static double timeMs(KernelFamily family, double timeRefMs, double floorMs, Ideal idealRef, Ideal idealTarget,
                         double uRef, double uTarget) {
        double unexplained = Math.max(0.0, timeRefMs - idealRef.ms() / uRef);
        double launch = Math.min(Math.max(0.0, floorMs), unexplained);
        double smBound = unexplained - launch;
        double smRatio = TENSOR_CORE_FREE.contains(family) ? 1.0 : computeRatio(idealRef, idealTarget);
        return launch + smBound * smRatio + idealTarget.ms() / uTarget;
    }

    /**
     * Target over source compute roofline of the same FLOPs: the ratio of the dense tensor-core
     * peaks of the kernel's dtype (1 for a kernel without FLOPs).
     */
    static double computeRatio(Ideal idealRef, Ideal idealTarget) {
        return idealRef.computeMs() > 0 && idealTarget.computeMs() > 0
                ? idealTarget.computeMs() / idealRef.computeMs() : 1.0;
    }
}
