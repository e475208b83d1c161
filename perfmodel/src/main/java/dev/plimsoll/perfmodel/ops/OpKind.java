package dev.plimsoll.perfmodel.ops;

/** Operator families; each maps to one measured-table family where one exists. */
public enum OpKind {
    GEMM("gemm"),
    ATTENTION_PREFILL("context_attention"),
    ATTENTION_DECODE("generation_attention"),
    MLA_PREFILL("context_mla"),
    MLA_DECODE("generation_mla"),
    /** Gated DeltaNet causal depthwise conv1d over q, k, v (prefill and decode). */
    GDN_CONV("gdn_conv"),
    /** Gated DeltaNet chunked delta rule over a prefill chunk. */
    GDN_PREFILL("gdn_prefill"),
    /** Gated DeltaNet recurrent state update, one token per request. */
    GDN_DECODE("gdn_decode"),
    /** DeepSeek sparse attention: the lightning indexer's logits over the cached index keys. */
    DSA_INDEXER("dsa_indexer"),
    /** DeepSeek sparse attention: top-k selection over the indexer logits. */
    DSA_TOPK("dsa_topk"),
    /** Sparse MLA over the selected tokens, prefill. */
    DSA_PREFILL("dsa_prefill"),
    /** Sparse MLA over the selected tokens, decode. */
    DSA_DECODE("dsa_decode"),
    MOE("moe"),
    ELEMENTWISE("elementwise"),
    EMBEDDING("embedding"),
    SAMPLING("sampling"),
    ALL_REDUCE("allreduce"),
    ALL_GATHER("all_gather"),
    REDUCE_SCATTER("reduce_scatter"),
    ALL_TO_ALL("alltoall"),
    P2P("p2p");

    private final String family;

    OpKind(String family) {
        this.family = family;
    }

    /** Family name used by validation reports and the kernel tables. */
    public String family() {
        return family;
    }

    public boolean isCommunication() {
        return this == ALL_REDUCE || this == ALL_GATHER || this == REDUCE_SCATTER || this == ALL_TO_ALL || this == P2P;
    }
}
