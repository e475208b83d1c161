package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;

import java.util.List;

/**
 * How paged_decode.cu is instantiated and launched: one kernel per KV type, head dimension and
 * maximum query-head group; the launch geometry of a point.
 */
public final class PagedDecodeKernels {
    /** KV-cache tokens per block (vLLM's default --block-size). */
    public static final int BLOCK_TOKENS = 16;
    static final int TILE = 64;
    static final int THREADS = 128;
    static final int ROW_PAD = 16;
    /** Query-head groups the kernels are instantiated for; larger groups split over several CTAs. */
    static final List<Integer> GROUPS = List.of(2, 4, 8, 16);
    /**
     * Split-KV partitions: enough CTAs for two waves over the SMs, none shorter than 128 tokens
     * (two tiles), as FlashDecoding's split heuristic does.
     */
    static final int MIN_PARTITION_TOKENS = 128;
    static final int WAVES = 2;
    /** Dynamic shared memory a kernel may use without opting in. */
    static final int DEFAULT_SHARED_BYTES = 48 * 1024;

    private PagedDecodeKernels() {
    }

    /** The smallest instantiated group that holds {@code group} query heads (16 for larger ones). */
    static int groupTemplate(int group) {
        for (int g : GROUPS) {
            if (group <= g) {
                return g;
            }
        }
        return GROUPS.get(GROUPS.size() - 1);
    }

    static String kernelName(boolean fp8, int headDim, int groupTemplate) {
        return "paged_decode_" + (fp8 ? "fp8" : "bf16") + "_hd" + headDim + "_g" + groupTemplate;
    }

    /** CTAs per KV head: query-head groups wider than the template are split. */
    static int chunks(AttentionHeads h) {
        int gt = groupTemplate(h.group());
        return (h.group() + gt - 1) / gt;
    }

    /** The kernel's dynamic shared memory (paged_decode.cu, struct Smem). */
    static int sharedBytes(int kvBytesPerElement, int headDim, int groupTemplate) {
        int row = headDim * kvBytesPerElement + ROW_PAD;
        return 2 * TILE * row + (groupTemplate * TILE + groupTemplate * headDim + 3 * groupTemplate) * 4;
    }

    /** Tokens per split-KV partition, a multiple of the tile. */
    static int partitionTokens(int contextTokens, long ctasWithoutSplit, int multiprocessors) {
        long wanted = Math.max(1, (WAVES * (long) multiprocessors + ctasWithoutSplit - 1) / ctasWithoutSplit);
        long most = Math.max(1, (contextTokens + MIN_PARTITION_TOKENS - 1) / MIN_PARTITION_TOKENS);
        long parts = Math.min(wanted, most);
        long tokens = (contextTokens + parts - 1) / parts;
        return (int) ((tokens + TILE - 1) / TILE * TILE);
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
