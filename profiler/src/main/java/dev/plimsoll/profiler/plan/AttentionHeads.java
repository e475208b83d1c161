package dev.plimsoll.profiler.plan;

/**
 * The per-GPU attention shape of a layer, as the attention tables key it.
 *
 * @param heads   query heads on one GPU
 * @param kvHeads KV heads on one GPU
 * @param headDim dimension of one head
 */
public record AttentionHeads(int heads, int kvHeads, int headDim) implements Comparable<AttentionHeads> {
    public AttentionHeads {
        if (heads <= 0 || kvHeads <= 0 || headDim <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention heads " + heads + "/" + kvHeads + "x" + headDim
                    + ": sizes must be positive and heads a multiple of KV heads");
        }
    }

    /** Query heads per KV head. */
    public int group() {
        return heads / kvHeads;
    }

    @Override
    public int compareTo(AttentionHeads o) {
        int c = Integer.compare(headDim, o.headDim);
        c = c != 0 ? c : Integer.compare(kvHeads, o.kvHeads);
        return c != 0 ? c : Integer.compare(heads, o.heads);
    }

    @Override
    public String toString() {
        return heads + "/" + kvHeads + "x" + headDim;
    }
}
