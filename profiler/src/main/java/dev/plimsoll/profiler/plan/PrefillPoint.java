package dev.plimsoll.profiler.plan;

/**
 * Causal attention over whole prompts: {@code batch} requests of {@code isl} new tokens each, bf16
 * (the context_attention table's row).
 */
public record PrefillPoint(AttentionHeads heads, int batch, int isl) {
    public double flops() {
        // causal: half of the 2 x 2 x isl^2 x head_dim FLOPs per head (QK^T and PV)
        return 2.0 * batch * heads.heads() * (double) isl * isl * heads.headDim();
    }
}
