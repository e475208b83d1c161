package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.AttendedKeys;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpQueriesTest {
    private static Op op(OpKind kind, OpShape shape) {
        return new Op("x", kind, ComputeDtype.BF16, 1, 1, 1, 1, shape);
    }

    @Test
    void gemmKeysByPrecisionLabelWeightShapeAndTokens() {
        Precision fp8Block = new Precision(NumberFormat.FP8, ComputeDtype.FP8, true);
        KernelQuery q = OpQueries.of(op(OpKind.GEMM, new OpShape.Gemm(48, 7168, 2048, fp8Block))).orElseThrow();
        assertEquals(KernelFamily.GEMM, q.family());
        assertEquals("fp8_block", q.category());
        assertArrayEquals(new double[]{7168, 2048}, q.shape());
        assertArrayEquals(new double[]{48}, q.grid());
    }

    @Test
    void mlaAbsorptionKeysByStageDtypeHeadsAndTokens() {
        KernelQuery pre = OpQueries.of(op(OpKind.GEMM, new OpShape.MlaBmm(4, 16, true, true))).orElseThrow();
        assertEquals(KernelFamily.MLA_BMM, pre.family());
        assertEquals("mla_gen_pre|fp8", pre.category());
        assertArrayEquals(new double[]{16}, pre.shape());
        assertArrayEquals(new double[]{4}, pre.grid());
        KernelQuery post = OpQueries.of(op(OpKind.GEMM, new OpShape.MlaBmm(64, 128, false, false))).orElseThrow();
        assertEquals("mla_gen_post|bfloat16", post.category());
        assertArrayEquals(new double[]{128}, post.shape());
    }

    @Test
    void prefillWithoutPrefixIsAWholeSequenceRow() {
        OpShape.Attention a = new OpShape.Attention(2, 4096, 0, 32, 8, 128, AttentionWindow.FULL, NumberFormat.FP8);
        KernelQuery q = OpQueries.of(op(OpKind.ATTENTION_PREFILL, a)).orElseThrow();
        assertEquals(KernelFamily.CONTEXT_ATTENTION, q.family());
        assertEquals("bfloat16|fp8", q.category());
        assertArrayEquals(new double[]{32, 8, 128, 0}, q.shape());
        assertArrayEquals(new double[]{2, 4096}, q.grid());
        assertFalse(q.standIn());
    }

    @Test
    void prefillChunkOverAPrefixReadsTheLengthOfEqualWork() {
        OpShape.Attention a = new OpShape.Attention(1, 2048, 6144, 32, 8, 128, AttentionWindow.FULL, NumberFormat.BF16);
        KernelQuery q = OpQueries.of(op(OpKind.ATTENTION_PREFILL, a)).orElseThrow();
        assertTrue(q.standIn());
        assertEquals(2048, q.queryTokens());
        assertEquals(6144, q.prefixTokens());
        double keys = AttendedKeys.sum(0, 6144, 2048);
        assertEquals(keys, AttendedKeys.sum(0, 0, q.grid()[1]), 0.001 * keys);
    }

    @Test
    void slidingWindowEquivalentLengthStaysUnderTheSameWindow() {
        double s = OpQueries.equivalentLength(AttentionWindow.sliding(128), 10_000, 512);
        // every query attends 128 keys in both: the equivalent whole sequence has ~512 + 64 tokens
        assertEquals(AttendedKeys.sum(128, 10_000, 512), AttendedKeys.sum(128, 0, s), 128);
    }

    @Test
    void decodeIsKeyedByCachedLength() {
        OpShape.Attention a = new OpShape.Attention(64, 1, 3000, 8, 1, 128, AttentionWindow.sliding(1024),
                NumberFormat.BF16);
        KernelQuery q = OpQueries.of(op(OpKind.ATTENTION_DECODE, a)).orElseThrow();
        assertEquals(KernelFamily.GENERATION_ATTENTION, q.family());
        assertArrayEquals(new double[]{8, 1, 128, 1024}, q.shape());
        assertArrayEquals(new double[]{64, 3000}, q.grid());
        assertFalse(q.standIn());
        OpShape.Attention spec = new OpShape.Attention(64, 4, 3000, 8, 1, 128, AttentionWindow.FULL, NumberFormat.BF16);
        assertTrue(OpQueries.of(op(OpKind.ATTENTION_DECODE, spec)).orElseThrow().standIn());
    }

    @Test
    void mlaIsKeyedByLocalHeads() {
        OpShape.Mla m = new OpShape.Mla(16, 1, 8000, 16, 8, NumberFormat.FP8);
        KernelQuery q = OpQueries.of(op(OpKind.MLA_DECODE, m)).orElseThrow();
        assertEquals(KernelFamily.GENERATION_MLA, q.family());
        assertEquals("bfloat16|fp8", q.category());
        assertArrayEquals(new double[]{16}, q.shape());
        assertArrayEquals(new double[]{16, 8000}, q.grid());
    }

    @Test
    void moeUsesTheTableLabelsAndDefaultRouting() {
        Precision mxfp4Weights = new Precision(NumberFormat.MXFP4, ComputeDtype.BF16, false);
        OpShape.Moe m = new OpShape.Moe(64, 2880, 2880, 4, 128, 1, 4, mxfp4Weights);
        KernelQuery q = OpQueries.of(op(OpKind.MOE, m)).orElseThrow();
        assertEquals("w4a16_mxfp4|power_law_1.01", q.category());
        assertArrayEquals(new double[]{2880, 2880, 4, 128, 1, 4}, q.shape());
    }

    @Test
    void collectivesInsideTheDomainOnly() {
        KernelQuery q = OpQueries.of(op(OpKind.ALL_GATHER, new OpShape.Collective(1000, 1, 4, false))).orElseThrow();
        assertEquals("all_gather|int8", q.category());
        assertArrayEquals(new double[]{1000}, q.grid());
        KernelQuery f32 = OpQueries.of(op(OpKind.ALL_REDUCE, new OpShape.Collective(1000, 4, 8, false))).orElseThrow();
        assertEquals("all_reduce|half", f32.category());
        assertArrayEquals(new double[]{2000}, f32.grid(), "same bytes in 2-byte elements");
        assertTrue(OpQueries.of(op(OpKind.ALL_REDUCE, new OpShape.Collective(1000, 2, 16, true))).isEmpty());
        assertTrue(OpQueries.of(op(OpKind.ALL_REDUCE, new OpShape.Collective(1000, 2, 1, false))).isEmpty());
        assertTrue(OpQueries.of(op(OpKind.P2P, new OpShape.Collective(1000, 2, 2, false))).isEmpty());
    }

    @Test
    void elementwiseWorkHasNoTable() {
        assertTrue(OpQueries.of(op(OpKind.ELEMENTWISE, new OpShape.Elementwise(4096))).isEmpty());
    }

    @Test
    void dtypeFallbacks() {
        assertEquals(List.of("fp8|x", "bfloat16|x"), OpQueries.fallbacks(KernelFamily.MOE, "fp8_block|x"));
        assertEquals(List.of("fp8", "fp8_block", "bfloat16"), OpQueries.fallbacks(KernelFamily.GEMM, "nvfp4"));
        assertEquals(List.of(), OpQueries.fallbacks(KernelFamily.CONTEXT_ATTENTION, "bfloat16|fp8"));
    }
}
