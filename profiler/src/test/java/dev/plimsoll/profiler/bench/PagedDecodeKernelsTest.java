package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagedDecodeKernelsTest {
    @Test
    void queryHeadsSharingAKvHeadAreTheMmaRows() {
        // up to 8 query heads per KV head: the 8-row kernel; up to 16: the 16-row one; more: split CTAs
        assertEquals(8, PagedDecodeKernels.rows(1));
        assertEquals(8, PagedDecodeKernels.rows(8));
        assertEquals(16, PagedDecodeKernels.rows(9));
        assertEquals(16, PagedDecodeKernels.rows(32));
        assertEquals(1, PagedDecodeKernels.chunks(new AttentionHeads(64, 8, 128)));
        assertEquals(1, PagedDecodeKernels.chunks(new AttentionHeads(32, 2, 128)));
        assertEquals(2, PagedDecodeKernels.chunks(new AttentionHeads(64, 2, 128)));
        assertEquals(4, PagedDecodeKernels.chunks(new AttentionHeads(64, 1, 64)));
        assertEquals("paged_decode_fp8_hd64_m8", PagedDecodeKernels.kernelName(true, 64, 8));
        assertEquals("paged_decode_bf16_hd128_m16", PagedDecodeKernels.kernelName(false, 128, 16));
    }

    @Test
    void everyInstantiatedKernelIsInTheSource() throws Exception {
        String src;
        try (var in = PagedDecodeKernels.class.getResourceAsStream("/dev/plimsoll/profiler/kernels/paged_decode.cu")) {
            src = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String kv : new String[]{"bf16", "fp8"}) {
            for (int hd : new int[]{64, 128, 256}) {
                assertTrue(src.contains("DECODE_FAMILY(" + kv + ", "), kv);
                assertTrue(src.matches("(?s).*DECODE_FAMILY\\(" + kv + ", [^,]+, " + hd + "\\).*"), kv + " " + hd);
            }
        }
        for (int r : PagedDecodeKernels.ROWS) {
            assertTrue(src.contains("_m" + r + ", KV, HD, " + r + ")"), "rows " + r);
        }
        assertTrue(src.contains("#define WARPS " + PagedDecodeKernels.WARPS));
        assertTrue(src.contains("#define O_PAD " + PagedDecodeKernels.O_PAD));
        assertTrue(src.contains("#define BLOCK_TOKENS " + PagedDecodeKernels.BLOCK_TOKENS));
    }

    @Test
    void sharedMemoryFollowsTheKernelsLayout() {
        // per warp: 16 rows of 128 + 4 floats, 16 maxima and 16 sums; four warps
        assertEquals(4 * (16 * 132 + 32) * 4, PagedDecodeKernels.sharedBytes(128));
        assertTrue(PagedDecodeKernels.sharedBytes(128) <= PagedDecodeKernels.DEFAULT_SHARED_BYTES);
        assertTrue(PagedDecodeKernels.sharedBytes(256) > PagedDecodeKernels.DEFAULT_SHARED_BYTES);
    }

    @Test
    void partitionsAreWholeTilesAndCoverTheContext() {
        for (int ctx : new int[]{1, 64, 65, 1024, 4096, 65536}) {
            for (long ctas : new long[]{1, 8, 64, 2048}) {
                int t = PagedDecodeKernels.partitionTokens(ctx, ctas, 396);
                assertEquals(0, t % 64);
                int parts = (ctx + t - 1) / t;
                assertTrue(parts >= 1 && (long) parts * t >= ctx);
                assertTrue(parts <= PagedDecodeKernels.MAX_SPLITS);
                assertTrue(t >= PagedDecodeKernels.MIN_PARTITION_TOKENS || parts == 1, ctx + " " + ctas);
            }
        }
    }

    @Test
    void splitsFollowFlashAttentionsWaveEfficiency() {
        // CTAs that fill 80 % of the slots run unsplit
        assertEquals(1, PagedDecodeKernels.splits(317, 396, 64, 128));
        // 256 CTAs on 396 slots: 2 splits make 1.29 waves (65 % efficient), 3 make 1.94 (97 %)
        assertEquals(3, PagedDecodeKernels.splits(256, 396, 64, 128));
        // 8 CTAs: the fewest splits within 85 % of the best efficiency that change the blocks per split
        // (37 splits of 7 blocks fill 296 of the 396 slots)
        assertEquals(37, PagedDecodeKernels.splits(8, 396, 256, 128));
        // never more splits than blocks, nor than the cap
        assertEquals(4, PagedDecodeKernels.splits(1, 396, 4, 128));
        assertEquals(14, PagedDecodeKernels.splits(1, 396, 1024, 16));
        // a long context over few CTAs is split, in whole tiles of at least 128 tokens
        assertEquals(128, PagedDecodeKernels.partitionTokens(16384, 1, 396));
        assertEquals(4096, PagedDecodeKernels.partitionTokens(4096, 2048, 396));
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
