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
 * @param outputGate the query projection also produces a per-head sigmoid gate on the attention
 *                   output, doubling its width (Qwen3-Next / Qwen3.5 attn_output_gate)
 * @param qkNorm     how a GQA attention normalises queries and keys ({@link QkNorm#NONE} for MLA,
 *                   whose latent norms every MLA has)
 */
public record AttentionSpec(AttentionKind kind, int numHeads, int numKvHeads, int headDim, boolean qkvBias,
                            MlaSpec mla, boolean outputGate, QkNorm qkNorm) {
    public AttentionSpec(AttentionKind kind, int numHeads, int numKvHeads, int headDim, boolean qkvBias, MlaSpec mla) {
        this(kind, numHeads, numKvHeads, headDim, qkvBias, mla, false, QkNorm.NONE);
    }

    public AttentionSpec(AttentionKind kind, int numHeads, int numKvHeads, int headDim, boolean qkvBias, MlaSpec mla,
                         boolean outputGate) {
        this(kind, numHeads, numKvHeads, headDim, qkvBias, mla, outputGate, QkNorm.NONE);
    }

    public AttentionSpec {
        if (kind == AttentionKind.MLA && mla == null) {
            throw new IllegalArgumentException("MLA attention needs MLA dimensions");
        }
        if (qkNorm == null) {
            throw new IllegalArgumentException("qkNorm must be given (QkNorm.NONE for none)");
        }
        if (kind == AttentionKind.MLA && qkNorm != QkNorm.NONE) {
            throw new IllegalArgumentException("MLA normalises its latents, not per-head queries and keys");
        }
    }

    /** The same attention with another query/key norm. */
    public AttentionSpec withQkNorm(QkNorm norm) {
        return new AttentionSpec(kind, numHeads, numKvHeads, headDim, qkvBias, mla, outputGate, norm);
    }

    public static AttentionSpec gqa(int numHeads, int numKvHeads, int headDim) {
        return new AttentionSpec(AttentionKind.GQA, numHeads, numKvHeads, headDim, false, null);
    }

    public boolean isMla() {
        return kind == AttentionKind.MLA;
    }

    /** MLA with DeepSeek sparse attention (an indexer picks the keys each query attends to). */
    public boolean isSparse() {
        return isMla() && mla.isSparse();
    }
}
