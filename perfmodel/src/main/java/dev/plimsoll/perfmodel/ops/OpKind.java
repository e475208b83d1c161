package dev.plimsoll.perfmodel.ops;

/** Operator families; each maps to one measured-table family where one exists. */
public enum OpKind {
    GEMM("gemm"),
    ATTENTION_PREFILL("context_attention"),
    ATTENTION_DECODE("generation_attention"),
    MLA_PREFILL("context_mla"),
    MLA_DECODE("generation_mla"),
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
