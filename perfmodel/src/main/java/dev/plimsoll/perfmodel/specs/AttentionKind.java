package dev.plimsoll.perfmodel.specs;

/** Attention family of a model. */
public enum AttentionKind {
    /** Multi-head / grouped-query / multi-query attention with a per-head K and V cache. */
    GQA,
    /** DeepSeek multi-head latent attention: one compressed latent per token is cached. */
    MLA
}
