package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vLLM 0.11.1-0.12's DeepGEMM MoE: grouped GEMMs over rows padded per local expert. */
class DeepGemmMoeTest {
    private static final Precision FP8_BLOCK = new Precision(NumberFormat.FP8, ComputeDtype.FP8, true);
    private static final Precision FP8 = new Precision(NumberFormat.FP8, ComputeDtype.FP8, false);

    /** Qwen3-235B-A22B's expert block: hidden 4096, 1536 per expert, top-8 of 128. */
    private static OpShape.Moe qwen235(long tokens, int moeTp, int moeEp, Precision p) {
        return new OpShape.Moe(tokens, 4096, 1536, 8, 128, moeTp, moeEp, p);
    }

    private static Op moeOp(OpShape.Moe shape) {
        return new Op("moe_experts", OpKind.MOE, shape.precision().compute(), 1, 1, 1, 94, shape);
    }

    @Test
    void rowsArePaddedForEveryLocalExpertWhateverTheBatch() {
        // compute_aligned_M: tokens x topk + local experts x 127, rounded up to 128
        assertEquals(16384, DeepGemmMoe.paddedRows(4, 8, 128));
        assertEquals(16384, DeepGemmMoe.paddedRows(16, 8, 128));
        assertEquals(16640, DeepGemmMoe.paddedRows(48, 8, 128));
        assertEquals(8192 + 128, DeepGemmMoe.paddedRows(16, 8, 64), "expert parallel 2: half the experts");
        assertEquals(49024, DeepGemmMoe.paddedRows(4096, 8, 128), "a 4,096-token prefill chunk: 32,768 rows + 16,256");
    }

    @Test
    void bothGroupedGemmsArePricedOnThePaddedRowsAndTheShardedWidth() {
        List<OpShape.Gemm> priced = new ArrayList<>();
        OpCost c = DeepGemmMoe.cost(qwen235(16, 2, 1, FP8_BLOCK), op -> {
            priced.add((OpShape.Gemm) op.shape());
            return new OpCost(op.flops() / 1e12, Bound.COMPUTE, Provenance.INTERPOLATED);
        });
        assertEquals(List.of(new OpShape.Gemm(16384, 1536, 4096, FP8_BLOCK), new OpShape.Gemm(16384, 4096, 768, FP8_BLOCK)),
                priced);
        assertEquals(2.0 * 16384 * (1536 * 4096 + 4096 * 768) / 1e12, c.timeMs(), 1e-9);
    }

    @Test
    void theTimeHardlyGrowsWithTheBatchWhereTheRoutedWorkWould() {
        OpCost four = DeepGemmMoe.cost(qwen235(4, 2, 1, FP8_BLOCK),
                op -> new OpCost(op.flops() / 1e12, Bound.COMPUTE, Provenance.INTERPOLATED));
        OpCost sixteen = DeepGemmMoe.cost(qwen235(16, 2, 1, FP8_BLOCK),
                op -> new OpCost(op.flops() / 1e12, Bound.COMPUTE, Provenance.INTERPOLATED));
        assertEquals(four.timeMs(), sixteen.timeMs(), 1e-12, "4 and 16 tokens pad to the same 16,384 rows");
    }

    @Test
    void onlyBlockScaledFp8ExpertsOffTp8() {
        assertTrue(DeepGemmMoe.applies(moeOp(qwen235(16, 2, 1, FP8_BLOCK))));
        assertTrue(DeepGemmMoe.applies(moeOp(qwen235(16, 1, 4, FP8_BLOCK))));
        assertFalse(DeepGemmMoe.applies(moeOp(qwen235(16, 2, 1, FP8))), "per-tensor FP8 runs other kernels");
        assertFalse(DeepGemmMoe.applies(moeOp(qwen235(16, 2, 1, Precision.BF16))));
        assertFalse(DeepGemmMoe.applies(moeOp(qwen235(16, 8, 1, FP8_BLOCK))), "PR #29346: Triton at TP 8");
        assertFalse(DeepGemmMoe.applies(moeOp(qwen235(16, 4, 4, FP8_BLOCK))), "PR #29346: TP size >= 8, 16 too");
    }

    @Test
    void onlyOnTheComputeCapabilitiesDeepGemmRunsOn() {
        assertTrue(DeepGemmMoe.runsOn(withCapability("9.0")));
        assertTrue(DeepGemmMoe.runsOn(withCapability("10.0")));
        assertFalse(DeepGemmMoe.runsOn(withCapability("10.3")), "B300: is_device_capability(100) is exact");
        assertFalse(DeepGemmMoe.runsOn(withCapability("8.9")), "Ada has FP8 tensor cores but no DeepGEMM");
        assertFalse(DeepGemmMoe.runsOn(withCapability("")));
    }

    private static GpuSpec withCapability(String cc) {
        GpuSpec g = TestGpus.h200();
        return new GpuSpec(g.id(), g.name(), g.vendor(), g.peakFlopsPerS(), g.memoryBytes(),
                g.memoryBandwidthBytesPerS(), g.scaleUpBandwidthBytesPerS(), g.scaleUpDomainGpus(),
                g.scaleOutBandwidthBytesPerS(), g.gpusPerNode(), g.scaleUpLatencyUs(), g.scaleOutLatencyUs(),
                g.pricePerGpuHourUsd(), g.efficiency(), g.source(), g.l2Cache(), cc);
    }
}
