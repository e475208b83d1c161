package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.QkNorm;

/** Which engines fold a per-head query/key norm, or the rotary embedding, into another kernel. */
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

    /**
     * Whether {@code backendId} applies the rotary embedding inside its attention op, so that no
     * rotary kernel runs apart. TensorRT-LLM's default attention backend does: {@code
     * ModelConfig.fuse_pos_embd} is true for {@code attn_backend == 'TRTLLM'}
     * (tensorrt_llm/_torch/model_config.py), and its attention op then rotates queries and keys in the
     * kernel that writes the KV cache; NVIDIA AIConfigurator's collector times that op with
     * {@code pos_embd_params} (rope_gpt_neox, collector/trtllm/collect_attn.py), so the attention
     * tables include the rotation. A model whose per-head query/key norm the engine fuses with the
     * rotation ({@link #fusedWithRope}) keeps that fused kernel apart from attention.
     */
    static boolean ropeInsideAttention(String backendId, QkNorm norm) {
        return "trtllm".equals(backendId) && !(norm == QkNorm.PER_HEAD && fusedWithRope(backendId));
    }
}
