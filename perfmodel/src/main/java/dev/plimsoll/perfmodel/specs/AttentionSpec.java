package dev.plimsoll.perfmodel.specs;

/**
 * Attention dimensions.
 *
 * @param kind       GQA (MHA and MQA are its special cases) or MLA
 * @param numHeads   query heads
 * @param numKvHeads key/value heads (equal to numHeads for MHA and for MLA)
 * @param headDim    per-head dimension for GQA; for MLA see {@link #mla()}
 * @param qkvBias    projections carry a bias (gpt-oss, Qwen2)
 * @param mla        MLA dimensions, null for GQA
 */
public record AttentionSpec(AttentionKind kind, int numHeads, int numKvHeads, int headDim, boolean qkvBias,
                            MlaSpec mla) {
    public AttentionSpec {
        if (kind == AttentionKind.MLA && mla == null) {
            throw new IllegalArgumentException("MLA attention needs MLA dimensions");
        }
    }

    public static AttentionSpec gqa(int numHeads, int numKvHeads, int headDim) {
        return new AttentionSpec(AttentionKind.GQA, numHeads, numKvHeads, headDim, false, null);
    }

    public boolean isMla() {
        return kind == AttentionKind.MLA;
    }
}
