package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.calib.TestGpus;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelRooflineTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());

    private static Ideal ideal(KernelFamily f, String cat, double[] shape, double[] grid) {
        return KernelRoofline.ideal(KernelQuery.of(f, cat, shape, grid), H100);
    }

    @Test
    void decodeGemmStreamsItsWeights() {
        Ideal i = ideal(KernelFamily.GEMM, "bfloat16", new double[]{4096, 4096}, new double[]{1});
        double bytes = 4096.0 * 4096 * 2 + 4096 * 2 + 4096 * 2;
        assertEquals(bytes / 3.35e12 * 1000, i.memoryMs(), 1e-12);
        assertEquals(2.0 * 4096 * 4096 / 989e12 * 1000, i.computeMs(), 1e-15);
        assertEquals(Bound.MEMORY, i.bound());
    }

    @Test
    void fp8GemmRunsAtTheFp8PeakWithOneByteOperands() {
        Ideal i = ideal(KernelFamily.GEMM, "fp8_block", new double[]{8192, 8192}, new double[]{8192});
        assertEquals(2.0 * 8192 * 8192 * 8192 / 1979e12 * 1000, i.computeMs(), 1e-9);
        assertEquals(Bound.COMPUTE, i.bound());
    }

    @Test
    void prefillAttentionIsCausal() {
        Ideal full = ideal(KernelFamily.CONTEXT_ATTENTION, "bfloat16|bfloat16", new double[]{32, 8, 128, 0},
                new double[]{1, 1024});
        assertEquals(4.0 * 32 * 128 * (1024.0 * 1025 / 2) / 989e12 * 1000, full.computeMs(), 1e-12);
        Ideal sliding = ideal(KernelFamily.CONTEXT_ATTENTION, "bfloat16|bfloat16", new double[]{32, 8, 128, 128},
                new double[]{1, 1024});
        double keys = 128.0 * 129 / 2 + (1024 - 128) * 128.0;
        assertEquals(4.0 * 32 * 128 * keys / 989e12 * 1000, sliding.computeMs(), 1e-12);
    }

    @Test
    void prefillAttentionTakesOneExponentialPerScore() {
        KernelQuery q = KernelQuery.of(KernelFamily.CONTEXT_ATTENTION, "fp8|fp8", new double[]{32, 8, 128, 0},
                new double[]{2, 4096});
        double scores = 2 * 32 * (4096.0 * 4097 / 2);
        Ideal hopper = KernelRoofline.ideal(q, H100);
        assertEquals(scores / (989e12 / 256) * 1000, hopper.exponentialMs(), 1e-12);
        // head size 128 in FP8 on Hopper: the exponentials take as long as the matmuls
        assertEquals(hopper.computeMs(), hopper.exponentialMs(), 1e-3 * hopper.computeMs()); // 1,979 = 2 x 989.5 TFLOPS
        // on Blackwell the tensor cores double again per SM, the exponential unit does not
        Ideal blackwell = KernelRoofline.ideal(q, ReferenceSpec.of(TestSpecs.REGISTRY.gpu("b200-sxm")));
        assertEquals(2 * blackwell.computeMs(), blackwell.exponentialMs(), 1e-9 * blackwell.computeMs());
        assertEquals(blackwell.exponentialMs(), blackwell.ms(), 1e-15);
        assertEquals(Bound.COMPUTE, blackwell.bound());
        // a GPU whose rate is not known prices the matmuls alone
        Ideal unknown = KernelRoofline.ideal(q, H100.withoutExponentials());
        assertEquals(0.0, unknown.exponentialMs());
        assertEquals(hopper.computeMs(), unknown.ms(), 1e-15);
    }

    @Test
    void decodeAttentionReadsTheCache() {
        Ideal i = ideal(KernelFamily.GENERATION_ATTENTION, "bfloat16|fp8", new double[]{32, 8, 128, 0},
                new double[]{8, 1023});
        double perToken = (32 + 16) * 128 * 2.0 + 32 * 128 * 2.0 + 2 * 8 * 128 * 1.0;
        double bytes = 8 * (perToken + 1023 * 2 * 8 * 128 * 1.0);
        assertEquals(bytes / 3.35e12 * 1000, i.memoryMs(), 1e-12);
        assertEquals(4.0 * 8 * 32 * 128 * 1024 / 989e12 * 1000, i.computeMs(), 1e-12);
        // one exponential per head and cached key: far below the cache read
        assertEquals(8 * 32 * 1024 / (989e12 / 256) * 1000, i.exponentialMs(), 1e-12);
        assertEquals(Bound.MEMORY, i.bound());
    }

    @Test
    void allReduceUsesBusBytesOverTheLink() {
        Ideal i = ideal(KernelFamily.NCCL, "all_reduce|half", new double[]{8}, new double[]{1 << 20});
        assertEquals(2.0 * 7 / 8 * (1 << 20) * 2 / 450e9 * 1000, i.communicationMs(), 1e-12);
        assertEquals(Bound.COMMUNICATION, i.bound());
        Ideal gather = ideal(KernelFamily.NCCL, "all_gather|int8", new double[]{4}, new double[]{1 << 20});
        assertEquals(3.0 / 4 * (1 << 20) / 450e9 * 1000, gather.communicationMs(), 1e-12);
    }

    @Test
    void moeCountsRoutedTokensAndTouchedExperts() {
        Ideal i = ideal(KernelFamily.MOE, "bfloat16|balanced", new double[]{4096, 14336, 2, 8, 1, 1},
                new double[]{16});
        assertEquals(2.0 * 32 * 3 * 4096 * 14336 / 989e12 * 1000, i.computeMs(), 1e-12);
        double touched = 8 * (1 - Math.pow(7.0 / 8, 32));
        double bytes = touched * 3 * 4096 * 14336 * 2.0 + 16 * 4096 * 4.0;
        assertEquals(bytes / 3.35e12 * 1000, i.memoryMs(), 1e-12);
    }

    @Test
    void dtypeLabels() {
        assertEquals(ComputeDtype.FP8, DtypeLabel.of("fp8_block").compute());
        assertEquals(ComputeDtype.BF16, DtypeLabel.of("w4a16_mxfp4").compute());
        assertEquals(0.53125, DtypeLabel.of("w4a16_mxfp4").weightBytes());
        assertEquals(ComputeDtype.BF16, DtypeLabel.of("something_new").compute());
        assertEquals(1.0, DtypeLabel.elementBytes("fp8"));
        assertEquals(2.0, DtypeLabel.elementBytes("half"));
    }

    @Test
    void missingTensorCoresRunAtTheBf16Peak() {
        ReferenceSpec a100 = ReferenceSpec.of(TestGpus.a100());
        assertEquals(312e12, a100.peak(ComputeDtype.FP8));
        assertEquals(0, a100.distance(a100));
    }
}
