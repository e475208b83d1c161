package dev.plimsoll.perfmodel.specs;

import java.util.Locale;

/**
 * How a GQA attention normalises its queries and keys before rotary embedding.
 *
 * <ul>
 *   <li>{@link #NONE}: no query/key norm (Llama, Mistral, Qwen2, gpt-oss, Mixtral).</li>
 *   <li>{@link #PER_HEAD}: an RMSNorm over each head's {@code head_dim}, one kernel for the queries
 *       and one for the keys (transformers {@code Qwen3Attention} and {@code Qwen3NextAttention}
 *       {@code q_norm}/{@code k_norm}; config.json {@code use_qk_norm} where a model family states
 *       it). Each tensor-parallel rank normalises its own heads, so no communication.</li>
 *   <li>{@link #ACROSS_HEADS}: one RMSNorm over all query heads and one over all key heads of a
 *       token (MiniMax-M2 {@code qk_norm_type: per_layer}). Tensor parallelism splits the heads, so
 *       the ranks all-reduce each token's sum of squares before normalising: vLLM
 *       {@code MiniMaxText01RMSNormTP.forward_qk} concatenates the query and key variances and runs
 *       one {@code tensor_model_parallel_all_reduce} per layer
 *       (vllm/model_executor/layers/mamba/linear_attn.py, used by models/minimax_m2.py).</li>
 * </ul>
 */
public enum QkNorm {
    NONE,
    PER_HEAD,
    ACROSS_HEADS;

    /** The YAML / CLI spelling: none, per_head, across_heads. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()}; null when {@code text} names none of them. */
    public static QkNorm parse(String text) {
        for (QkNorm n : values()) {
            if (n.key().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        return null;
    }
}
