package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The three parts of a transferred kernel time, on hand-made rooflines. */
class SpecTransferTest {
    /** Memory-bound kernel: 0.010 ms of bytes on the source, 0.005 ms on a target with twice the bandwidth. */
    private static final Ideal MEMORY_REF = new Ideal(0.002, 0.010, 0);
    private static final Ideal MEMORY_FAST_HBM = new Ideal(0.002, 0.005, 0);
    private static final Ideal MEMORY_FAST_BOTH = new Ideal(0.001, 0.005, 0);

    @Test
    void sameTensorPeakMovesOnlyTheRooflinePart() {
        // 0.040 ms measured = 0.005 floor + 0.010 / 0.5 roofline part + 0.015 rest
        double t = SpecTransfer.timeMs(KernelFamily.GEMM, 0.040, 0.005, MEMORY_REF, MEMORY_FAST_HBM, 0.5, 0.5);
        assertEquals(0.005 + 0.015 + 0.005 / 0.5, t, 1e-12);
    }

    @Test
    void aFasterSmArrayShrinksTheRestButNotTheFloor() {
        double t = SpecTransfer.timeMs(KernelFamily.GEMM, 0.040, 0.005, MEMORY_REF, MEMORY_FAST_BOTH, 0.5, 0.5);
        assertEquals(0.005 + 0.015 / 2 + 0.005 / 0.5, t, 1e-12);
    }

    @Test
    void aCollectiveKeepsItsRest() {
        Ideal ref = new Ideal(0, 0, 0.010);
        Ideal target = new Ideal(0, 0, 0.005);
        assertEquals(1.0, SpecTransfer.computeRatio(ref, target));
        double t = SpecTransfer.timeMs(KernelFamily.ALLREDUCE, 0.040, 0.005, ref, target, 0.5, 0.5);
        assertEquals(0.005 + 0.015 + 0.005 / 0.5, t, 1e-12);
    }

    @Test
    void cudaCoreKernelsKeepTheirRest() {
        double t = SpecTransfer.timeMs(KernelFamily.GDN, 0.040, 0.005, MEMORY_REF, MEMORY_FAST_BOTH, 0.5, 0.5);
        assertEquals(0.005 + 0.015 + 0.005 / 0.5, t, 1e-12);
    }

    @Test
    void theFloorNeverExceedsWhatTheRooflineLeaves() {
        // at its achievable utilisation the roofline explains all but 0.002 ms: that is all the floor there is
        double t = SpecTransfer.timeMs(KernelFamily.GEMM, 0.022, 0.005, MEMORY_REF, MEMORY_FAST_BOTH, 0.5, 0.5);
        assertEquals(0.002 + 0.005 / 0.5, t, 1e-12);
    }

    @Test
    void exponentialsMoveWithTheExponentialUnitAndTheRestWithTheTensorCores() {
        // FP8 prefill attention at head size 128: on Hopper the exponentials take as long as the
        // matmuls (1.0 ms each); on Blackwell the matmuls 0.44 ms, the exponentials 0.88 ms
        Ideal ref = new Ideal(1.0, 0.1, 0, 1.0);
        Ideal target = new Ideal(0.44, 0.05, 0, 0.88);
        // 3.0 ms measured = 0.005 floor + 1.0 / 0.5 roofline part + 0.995 rest
        double t = SpecTransfer.timeMs(KernelFamily.CONTEXT_ATTENTION, 3.0, 0.005, ref, target, 0.5, 0.5);
        assertEquals(0.005 + 0.995 * 0.44 + 0.88 / 0.5, t, 1e-12);
        // without the exponentials the roofline part would have moved with the tensor cores
        double matmulsOnly = SpecTransfer.timeMs(KernelFamily.CONTEXT_ATTENTION, 3.0, 0.005, ref.withoutExponentials(),
                target.withoutExponentials(), 0.5, 0.5);
        assertEquals(0.005 + 0.995 * 0.44 + 0.44 / 0.5, matmulsOnly, 1e-12);
    }
}
