package dev.plimsoll.perfmodel.workload;

import java.util.SplittableRandom;

/**
 * A benchmark client that draws its prompts from a fixed pool of distinct entries and sends an
 * entry again once the pool is used up, the way aiperf and genai-perf do with synthetic data: their
 * dataset holds {@code --num-dataset-entries} prompts that "will be reused until benchmarking is
 * complete", taken in shuffled order without replacement and reshuffled after each pass (aiperf
 * {@code --dataset-sampling-strategy}, "shuffle" by default for synthetic data). A prompt sent again
 * is the same text, so an engine with prefix caching finds it whole in its cache.
 *
 * <p>Each entry's lengths are drawn once from the client's own shapes, the first time the entry is
 * used; its prompt is described by prefix-block ids (the Mooncake trace convention, one id per
 * {@link #HASH_BLOCK_TOKENS} tokens, each naming the prefix up to its block), and no two entries
 * share one. The pool keeps its position, so one instance serves one simulation.
 */
public final class DatasetPoolShapes implements RequestShapes {
    /** Granularity of the prompt's block ids: vLLM's default KV block (CacheConfig.block_size 16). */
    public static final int HASH_BLOCK_TOKENS = 16;
    /** Ids of entry e, block b are e * STRIDE + b + 1, so entries never collide. */
    private static final long ENTRY_STRIDE = 1L << 32;

    private final RequestShapes lengths;
    /** Each entry's shape, drawn the first time the entry is sent. */
    private final RequestShape[] entries;
    private final int[] order;
    private int next;

    /**
     * @param size    distinct prompts in the pool (at least 1)
     * @param lengths the client's request lengths, drawn once per entry
     */
    public DatasetPoolShapes(int size, RequestShapes lengths) {
        if (size < 1) {
            throw new IllegalArgumentException("a dataset pool needs >= 1 entry, got " + size);
        }
        this.lengths = lengths;
        this.entries = new RequestShape[size];
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        this.next = size;
    }

    @Override
    public RequestShape sample(SplittableRandom random) {
        if (next == order.length) {
            shuffle(random);
            next = 0;
        }
        int entry = order[next++];
        RequestShape shape = entries[entry];
        if (shape == null) {
            RequestShape drawn = lengths.sample(random);
            long[] hashes = new long[drawn.inputTokens() / HASH_BLOCK_TOKENS];
            for (int b = 0; b < hashes.length; b++) {
                hashes[b] = entry * ENTRY_STRIDE + b + 1;
            }
            shape = new RequestShape(drawn.inputTokens(), drawn.outputTokens(), hashes, HASH_BLOCK_TOKENS);
            entries[entry] = shape;
        }
        return shape;
    }

    /** Fisher-Yates over the whole pool. */
    private void shuffle(SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
