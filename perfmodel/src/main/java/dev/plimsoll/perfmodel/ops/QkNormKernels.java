package dev.plimsoll.perfmodel.ops;

/** Which engines fold a per-head query/key norm into another kernel. */
final class QkNormKernels {
    private QkNormKernels() {
    }

    /**
     * Whether {@code backendId} normalises each head's queries and keys inside its rotary-embedding
     * kernel. TensorRT-LLM's PyTorch flow does for Qwen3: {@code Qwen3Attention} derives from
     * {@code QKNormRoPEAttention} with {@code fuse_qk_norm_rope=True}, one
     * {@code torch.ops.trtllm.fused_qk_norm_rope} call for both norms and the rotary embedding
     * (tensorrt_llm/_torch/models/modeling_qwen3.py). vLLM runs {@code q_norm} and {@code k_norm} as
     * kernels of their own (its {@code enable_qk_norm_rope_fusion} compile pass is off by default),
     * and so does SGLang ({@code Qwen3Attention._apply_qk_norm}).
     */
    static boolean fusedWithRope(String backendId) {
        return "trtllm".equals(backendId);
    }
}
