package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;

import java.util.List;

/**
 * How paged_decode.cu is instantiated and launched: one tensor-core kernel per KV type, head
 * dimension and MMA row count (query heads per CTA); the launch geometry of a point.
 */
public final class PagedDecodeKernels {
    /** KV-cache tokens per block (vLLM's default --block-size). */
    public static final int BLOCK_TOKENS = 16;
    /** Warps per CTA; each takes every WARPS-th block of the partition. */
    static final int WARPS = 4;
    static final int THREADS = WARPS * 32;
    /** Partitions are whole rounds of the CTA's warps over 16-token blocks. */
    static final int TILE = WARPS * BLOCK_TOKENS;
    /** The MMA's M (mma.sync m16n8k16): query heads a CTA can hold. */
    static final int MMA_M = 16;
    /** Padding of the accumulator rows in shared memory, in floats (paged_decode.cu O_PAD). */
    static final int O_PAD = 4;
    /** Query-head rows the kernels are instantiated for; larger groups split over several CTAs. */
    static final List<Integer> ROWS = List.of(8, MMA_M);
    /** Split-KV partitions of at least 128 tokens (two rounds of the CTA's warps). */
    static final int MIN_PARTITION_TOKENS = 128;
    /** FlashAttention-2's cap on splits (flash_api.cpp, num_splits_heuristic's max_splits). */
    static final int MAX_SPLITS = 128;
    /** Dynamic shared memory a kernel may use without opting in. */
    static final int DEFAULT_SHARED_BYTES = 48 * 1024;

    private PagedDecodeKernels() {
    }

    /** The query-head rows of the kernel for {@code group} query heads per KV head: 8 up to 8, else 16. */
    static int rows(int group) {
        for (int r : ROWS) {
            if (group <= r) {
                return r;
            }
        }
        return MMA_M;
    }

    static String kernelName(boolean fp8, int headDim, int rows) {
        return "paged_decode_" + (fp8 ? "fp8" : "bf16") + "_hd" + headDim + "_m" + rows;
    }

    /** CTAs per KV head: query-head groups wider than the MMA's 16 rows are split. */
    static int chunks(AttentionHeads h) {
        int r = rows(h.group());
        return (h.group() + r - 1) / r;
    }

    /**
     * The kernel's dynamic shared memory (paged_decode.cu, struct Smem): per warp, its accumulator of
     * 16 rows of headDim + 4 floats, and 16 running maxima and sums.
     */
    static int sharedBytes(int headDim) {
        return WARPS * (MMA_M * (headDim + O_PAD) + 2 * MMA_M) * 4;
    }

    /**
     * Tokens per split-KV partition, a multiple of the tile: the split count of FlashAttention-2's
     * {@code num_splits_heuristic} (csrc/flash_attn/flash_api.cpp) over {@code slots}, the CTAs the
     * GPU holds at once (FlashAttention-2 passes SMs x 2 for its 128-thread CTAs; we pass SMs x the
     * CTAs per SM the occupancy calculator gives our kernel), with the context's 64-token tiles as
     * its key blocks, at most one split per 128 tokens.
     */
    static int partitionTokens(int contextTokens, long ctasWithoutSplit, long slots) {
        int tiles = (contextTokens + TILE - 1) / TILE;
        int most = Math.max(1, (contextTokens + MIN_PARTITION_TOKENS - 1) / MIN_PARTITION_TOKENS);
        int splits = splits(ctasWithoutSplit, slots, tiles, Math.min(MAX_SPLITS, most));
        int tilesPerSplit = (tiles + splits - 1) / splits;
        return tilesPerSplit * TILE;
    }

    /**
     * FlashAttention-2's num_splits_heuristic: one split when the CTAs nearly fill the GPU (80 % of
     * its slots); else the fewest splits whose wave efficiency (waves over whole waves) reaches 85 %
     * of the best, among split counts that change the blocks per split.
     */
    static int splits(long ctas, long slots, int blocks, int maxSplits) {
        if (ctas >= 0.8 * slots) {
            return 1;
        }
        int most = (int) Math.min(Math.min(maxSplits, slots), blocks);
        double[] efficiency = new double[most + 1];
        double best = 0;
        for (int s = 1; s <= most; s++) {
            if (eligible(s, blocks)) {
                double waves = (double) ctas * s / slots;
                efficiency[s] = waves / Math.ceil(waves);
                best = Math.max(best, efficiency[s]);
            }
        }
        for (int s = 1; s <= most; s++) {
            if (eligible(s, blocks) && efficiency[s] >= 0.85 * best) {
                return s;
            }
        }
        return 1;
    }

    private static boolean eligible(int splits, int blocks) {
        return splits == 1 || ceilDiv(blocks, splits) != ceilDiv(blocks, splits - 1);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * A block table for {@code batch} requests of {@code blocksPerRequest} blocks each, copy
     * {@code copy} of a pool holding {@code copies} such sets: every request's blocks scattered
     * over its copy's share of the pool (a stride coprime to that share), as a long-running
     * engine's allocator leaves them.
     */
    static int[] blockTable(int batch, int blocksPerRequest, int copy) {
        int needed = batch * blocksPerRequest;
        int stride = coprimeStride(needed);
        int[] t = new int[needed];
        for (int i = 0; i < needed; i++) {
            t[i] = (int) ((long) copy * needed + (long) i * stride % needed);
        }
        return t;
    }

    /** A stride near the golden ratio of {@code n} with no common factor with it (1 for n <= 2). */
    static int coprimeStride(int n) {
        if (n <= 2) {
            return 1;
        }
        int s = Math.max(1, (int) (n * 0.6180339887));
        while (gcd(s, n) != 1) {
            s++;
        }
        return s;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
