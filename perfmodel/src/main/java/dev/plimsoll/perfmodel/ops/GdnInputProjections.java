package dev.plimsoll.perfmodel.ops;

/**
 * How a gated DeltaNet layer (Qwen3-Next, Qwen3.5) projects its input, by engine release. q, k and v,
 * the output gate z and the per-head beta and decay logits b and a all read the layer's input.
 */
public enum GdnInputProjections {
    /**
     * Two GEMMs, q-k-v-z in the checkpoint's format and b-a in BF16, then one Triton kernel that splits
     * them ({@code fused_qkvzba_split_reshape_cat}): vLLM's qwen3_next.py, and SGLang's qwen3_5.py from
     * PR #21019 (merged 2026-03-23, release 0.5.10) on.
     */
    MERGED_AND_SPLIT,
    /**
     * Four GEMMs and no split: {@code in_proj_qkv} and {@code in_proj_z} in the checkpoint's format,
     * {@code in_proj_b} and {@code in_proj_a} in BF16 (SGLang's qwen3_5.py at tag v0.5.9, "Split
     * projection layers (following vLLM's implementation)"; an 8-wide output partition cannot carry
     * 128 x 128 FP8 blocks, which Fp8LinearMethod.validate_block_quant_shapes refuses, so an FP8
     * checkpoint leaves b and a unquantised).
     */
    SEPARATE
}
