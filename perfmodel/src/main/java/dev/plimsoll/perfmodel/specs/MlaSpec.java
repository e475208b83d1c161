package dev.plimsoll.perfmodel.specs;

/**
 * DeepSeek multi-head latent attention dimensions (config.json names in brackets).
 *
 * @param qLoraRank     rank of the query down-projection [q_lora_rank], 0 when queries are not compressed
 * @param kvLoraRank    rank of the cached KV latent [kv_lora_rank]
 * @param qkNopeHeadDim per-head query/key dimension without rotary part [qk_nope_head_dim]
 * @param qkRopeHeadDim rotary dimension shared by all heads [qk_rope_head_dim]
 * @param vHeadDim      per-head value dimension [v_head_dim]
 * @param sparse        DeepSeek sparse attention on top of MLA (DeepSeek-V3.2, GLM-5), null for dense MLA
 */
public record MlaSpec(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim,
                      DsaSpec sparse) {
    /** Dense MLA (every query attends to every cached token). */
    public MlaSpec(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {
        this(qLoraRank, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim, null);
    }

    public boolean isSparse() {
        return sparse != null;
    }

    public int qkHeadDim() {
        return qkNopeHeadDim + qkRopeHeadDim;
    }

    /** Elements cached per token per layer: the latent plus the shared rotary key. */
    public int cachedElementsPerToken() {
        return kvLoraRank + qkRopeHeadDim;
    }
}
