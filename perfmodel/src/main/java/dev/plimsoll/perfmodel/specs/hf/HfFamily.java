package dev.plimsoll.perfmodel.specs.hf;

import java.util.List;
import java.util.Map;

/**
 * Architecture families whose config.json Plimsoll reads. Each family fixes which keys hold the
 * MoE figures and how MoE layers are spread, and the module names its checkpoints use (for
 * quantisation exclusion lists).
 */
enum HfFamily {
    /** Dense GQA decoders: Llama 2/3, Mistral, Qwen2, Qwen3. */
    DENSE_GQA("mlp"),
    /** Mixtral: every layer MoE, expert width = intermediate_size. */
    MIXTRAL("block_sparse_moe"),
    /** Qwen2-MoE / Qwen3-MoE: decoder_sparse_step and mlp_only_layers. */
    QWEN_MOE("mlp"),
    /** DeepSeek-V2/V3/R1, Kimi-K2: MLA, first_k_dense_replace, moe_layer_freq, shared experts. */
    DEEPSEEK("mlp"),
    /** gpt-oss: every layer MoE, layer_types alternate sliding and full attention. */
    GPT_OSS("mlp"),
    /** Llama 4: chunked attention on rope layers, MoE every interleave_moe_layer_step-th layer. */
    LLAMA4("feed_forward"),
    /** MiniMax-M2: every layer MoE, full GQA attention. */
    MINIMAX_M2("block_sparse_moe"),
    /**
     * Qwen3-Next / Qwen3.5: gated DeltaNet linear-attention layers mixed with gated full attention
     * (layer_types or full_attention_interval); MoE keys as Qwen3-MoE, dense when num_experts is absent.
     */
    QWEN_NEXT("mlp");

    private static final Map<String, HfFamily> BY_MODEL_TYPE = Map.ofEntries(
            Map.entry("llama", DENSE_GQA), Map.entry("mistral", DENSE_GQA), Map.entry("qwen2", DENSE_GQA),
            Map.entry("qwen3", DENSE_GQA), Map.entry("mixtral", MIXTRAL), Map.entry("qwen2_moe", QWEN_MOE),
            Map.entry("qwen3_moe", QWEN_MOE), Map.entry("deepseek_v2", DEEPSEEK), Map.entry("deepseek_v3", DEEPSEEK),
            Map.entry("kimi_k2", DEEPSEEK), Map.entry("gpt_oss", GPT_OSS), Map.entry("llama4", LLAMA4),
            Map.entry("llama4_text", LLAMA4), Map.entry("minimax_m2", MINIMAX_M2),
            // DeepSeek-V3.2 and GLM-5: DeepSeek-V3 layers with DeepSeek sparse attention (index_* keys)
            Map.entry("deepseek_v32", DEEPSEEK), Map.entry("glm_moe_dsa", DEEPSEEK),
            Map.entry("qwen3_next", QWEN_NEXT), Map.entry("qwen3_5", QWEN_NEXT), Map.entry("qwen3_5_text", QWEN_NEXT),
            Map.entry("qwen3_5_moe", QWEN_NEXT), Map.entry("qwen3_5_moe_text", QWEN_NEXT));

    /** Human-readable list of what loads, for the unsupported-architecture message. */
    static final List<String> SUPPORTED = List.of("Llama", "Mistral", "Qwen2/Qwen3 (dense and MoE)", "Mixtral",
            "DeepSeek-V2/V3/R1/V3.2 and Kimi-K2", "GLM-5", "gpt-oss", "Llama 4", "MiniMax-M2",
            "Qwen3-Next/Qwen3.5");

    private final String ffnModule;

    HfFamily(String ffnModule) {
        this.ffnModule = ffnModule;
    }

    /** Name of the feed-forward sub-module in checkpoint tensor names ({@code mlp}, {@code feed_forward}). */
    String ffnModule() {
        return ffnModule;
    }

    static HfFamily byModelType(String modelType) {
        return BY_MODEL_TYPE.get(modelType);
    }
}
