package dev.plimsoll.perfmodel.cost;

/**
 * The MoE kernel an engine runs for block-scaled FP8 experts, where its version's defaults make the
 * choice matter. vLLM 0.11.1-0.14 ran DeepGEMM's contiguous grouped GEMM for them at every batch
 * (docs/validation.md, "vLLM 0.11.1-0.14 runs block-FP8 experts through DeepGEMM at every batch"); the
 * kernel tables time the kernels of the collector's later version (Triton without expert parallel,
 * FlashInfer CUTLASS with it: their {@code kernel_source} column).
 */
public enum Fp8BlockMoeKernel {
    /** What the kernel tables time. */
    ENGINE_DEFAULT,
    /** DeepGEMM's contiguous grouped GEMM over rows padded per expert (vLLM DeepGemmExperts). */
    DEEPGEMM_CONTIGUOUS
}
