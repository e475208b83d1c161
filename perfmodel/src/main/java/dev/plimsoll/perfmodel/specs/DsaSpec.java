package dev.plimsoll.perfmodel.specs;

/**
 * DeepSeek sparse attention (DSA) on top of MLA: a lightning indexer scores every cached token for
 * each query with {@code indexHeads} small fp8 heads of {@code indexHeadDim}, keeps the top
 * {@code indexTopK}, and MLA attends to those only (DeepSeek-V3.2-Exp technical report, section 2.1;
 * config.json names in brackets; GLM-5 uses the same fields).
 *
 * @param indexHeads   indexer query heads [index_n_heads]
 * @param indexHeadDim indexer head width, also the width of the indexer's cached key [index_head_dim]
 * @param indexTopK    tokens each query attends to [index_topk]
 */
public record DsaSpec(int indexHeads, int indexHeadDim, int indexTopK) {
    /**
     * Indexer key cache per token per layer: fp8 keys plus one fp32 scale per 128-element block
     * (vLLM DeepseekV32IndexerCache: head_dim + head_dim / quant_block_size * 4 bytes; SGLang's
     * NSA token-to-KV pool stores the same).
     */
    public static final int INDEXER_SCALE_BLOCK = 128;

    public DsaSpec {
        if (indexHeads <= 0 || indexHeadDim <= 0 || indexTopK <= 0) {
            throw new IllegalArgumentException("sparse attention needs positive index_n_heads, index_head_dim and "
                    + "index_topk");
        }
    }

    public double indexerKeyBytesPerToken() {
        return indexHeadDim + 4.0 * Math.ceil((double) indexHeadDim / INDEXER_SCALE_BLOCK);
    }

    /** Keys a query at context length {@code context} attends to. */
    public long attendedKeys(long context) {
        return Math.min(context, indexTopK);
    }
}
