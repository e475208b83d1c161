package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagedDecodeKernelsTest {
    @Test
    void theSmallestGroupTemplateHoldsTheQueryHeads() {
        assertEquals(2, PagedDecodeKernels.groupTemplate(1));
        assertEquals(8, PagedDecodeKernels.groupTemplate(5));
        assertEquals(16, PagedDecodeKernels.groupTemplate(16));
        assertEquals(16, PagedDecodeKernels.groupTemplate(32));
        assertEquals(2, PagedDecodeKernels.chunks(new AttentionHeads(64, 2, 128)));
        assertEquals("paged_decode_fp8_hd64_g4", PagedDecodeKernels.kernelName(true, 64, 4));
    }

    @Test
    void sharedMemoryFollowsTheKernelsLayout() {
        // bf16, head_dim 128, 8 heads: two tiles of 64 rows of 272 bytes, scores 8x64, query 8x128, 3x8 floats
        assertEquals(2 * 64 * 272 + (8 * 64 + 8 * 128 + 24) * 4, PagedDecodeKernels.sharedBytes(2, 128, 8));
        assertTrue(PagedDecodeKernels.sharedBytes(2, 128, 16) <= PagedDecodeKernels.DEFAULT_SHARED_BYTES);
        assertTrue(PagedDecodeKernels.sharedBytes(2, 256, 16) > PagedDecodeKernels.DEFAULT_SHARED_BYTES);
    }

    @Test
    void partitionsAreWholeTilesCoverTheContextAndFillTheGpu() {
        for (int ctx : new int[]{1, 64, 65, 1024, 4096, 65536}) {
            for (long ctas : new long[]{1, 8, 64, 2048}) {
                int t = PagedDecodeKernels.partitionTokens(ctx, ctas, 132);
                assertEquals(0, t % 64);
                int parts = (ctx + t - 1) / t;
                assertTrue(parts >= 1 && (long) parts * t >= ctx);
                assertTrue(t >= Math.min(ctx, PagedDecodeKernels.MIN_PARTITION_TOKENS) || t >= ctx);
            }
        }
        // one request over 4096 cached tokens is split; 2048 requests already fill 132 SMs twice
        assertTrue(PagedDecodeKernels.partitionTokens(4096, 8, 132) < 4096);
        assertEquals(4096, PagedDecodeKernels.partitionTokens(4096, 2048, 132));
    }

    @Test
    void everyCopysBlockTableIsAPermutationOfItsOwnBlocks() {
        int batch = 3;
        int perRequest = 7;
        for (int copy = 0; copy < 3; copy++) {
            int[] t = PagedDecodeKernels.blockTable(batch, perRequest, copy);
            int[] sorted = t.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(copy * batch * perRequest + i, sorted[i]);
            }
            assertTrue(t[1] != t[0] + 1, "scattered, not sequential");
        }
        assertEquals(1, PagedDecodeKernels.coprimeStride(2));
    }

    @Test
    void theCheckComparesBf16OutputWithTheReference() {
        short one = (short) (Float.floatToIntBits(1.0f) >>> 16);
        assertEquals(0.0, DecodeAttentionBench.relativeError(new short[]{one, 0}, new float[]{1.0f, 0f}));
        assertEquals(0.5, DecodeAttentionBench.relativeError(new short[]{one, one}, new float[]{1.0f, 0.5f}), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, DecodeAttentionBench.relativeError(new short[]{(short) 0x7FC0},
                new float[]{1.0f}));
    }
}
