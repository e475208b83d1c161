package dev.plimsoll.perfmodel.cost;

/**
 * The MoE kernel an engine runs for block-scaled FP8 experts, where its version's defaults make the
 * choice matter. vLLM 0.11.1-0.12 ran DeepGEMM's contiguous grouped GEMM for them at every batch
 * (docs/validation.md, "vLLM's DeepGEMM MoE at every batch"); the kernel tables time the Triton
 * kernel later versions run.
 */
public enum Fp8BlockMoeKernel {
    /** What the kernel tables time. */
    ENGINE_DEFAULT,
    /** DeepGEMM's contiguous grouped GEMM over rows padded per expert (vLLM DeepGemmExperts). */
    DEEPGEMM_CONTIGUOUS
}
