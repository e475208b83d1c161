package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionKind;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.DsaSpec;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.LayerLayout;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.LinearAttentionSpec;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.MoeSpec;
import dev.plimsoll.perfmodel.specs.QkNorm;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.List;

/**
 * Turns a parsed config.json (and optional hf_quant_config.json) into a {@link ModelSpec}.
 * Multi-token-prediction layers (DeepSeek num_nextn_predict_layers, MiniMax MTP modules) and
 * vision towers are not part of the served decoder and are left out; so are per-head q/k norm
 * vectors and attention sinks, a few thousand parameters per layer.
 */
final class HfModelReader {
    private HfModelReader() {
    }

    static ModelSpec read(Node configNode, Node hfQuantNode, String id, String name, String source) {
        HfConfig c = HfConfig.of(configNode);
        HfFamily family = HfUnsupported.familyOrThrow(c);
        MapReader t = c.text();

        int hidden = t.positiveInt("hidden_size");
        int numLayers = t.positiveInt("num_hidden_layers");
        if (numLayers > LayerLayout.MAX_LAYERS) {
            throw t.error("num_hidden_layers", "(" + numLayers + ") exceeds " + LayerLayout.MAX_LAYERS
                    + " layers, more than any model has");
        }
        int vocab = t.positiveInt("vocab_size");
        int maxContext = t.positiveInt("max_position_embeddings");
        boolean tied = c.holder("tie_word_embeddings").bool("tie_word_embeddings", false);
        AttentionSpec attention = attention(c, family, hidden);
        MoeSpec moe;
        try {
            moe = moe(t, family);
        } catch (IllegalArgumentException e) {
            throw t.error(e.getMessage());
        }
        List<LayerSpec> layers = LayerLayout.build(numLayers, HfLayerRules.moeLayers(t, family, numLayers),
                HfLayerRules.windows(c, family, numLayers), HfLayerRules.linearAttentionLayers(t, family, numLayers));
        LinearAttentionSpec linear = layers.stream().anyMatch(LayerSpec::isLinearAttention) ? linearAttention(t) : null;
        boolean anyDense = LayerLayout.anyOf(layers, FfnKind.DENSE);
        if (moe != null && !LayerLayout.anyOf(layers, FfnKind.MOE)) {
            moe = null;
        }
        int intermediate = anyDense ? denseWidth(t, family) : 0;
        QuantScheme quant = HfQuantReader.read(c, hfQuantNode, new HfModules(family, attention, moe, layers));
        return new ModelSpec(id, name, source, c.architecture(), hidden, vocab, tied, attention, intermediate, moe,
                layers, quant, maxContext, linear);
    }

    private static AttentionSpec attention(HfConfig c, HfFamily family, int hidden) {
        MapReader t = c.text();
        int heads = t.positiveInt("num_attention_heads");
        if (family == HfFamily.DEEPSEEK) {
            MlaSpec mla = new MlaSpec(t.nonNegativeInt("q_lora_rank", 0), t.positiveInt("kv_lora_rank"),
                    t.positiveInt("qk_nope_head_dim"), t.positiveInt("qk_rope_head_dim"), t.positiveInt("v_head_dim"),
                    sparse(c));
            return new AttentionSpec(AttentionKind.MLA, heads, heads, mla.qkHeadDim(),
                    t.bool("attention_bias", false), mla);
        }
        int kvHeads = t.positiveInt("num_key_value_heads", heads);
        if (heads % kvHeads != 0) {
            throw t.error("num_key_value_heads", "(" + kvHeads + ") must divide num_attention_heads (" + heads + ")");
        }
        int headDim;
        if (t.has("head_dim")) {
            headDim = t.positiveInt("head_dim");
        } else if (hidden % heads == 0) {
            headDim = hidden / heads;
        } else {
            throw t.error("has no head_dim and hidden_size " + hidden + " is not a multiple of num_attention_heads "
                    + heads);
        }
        // Qwen2 always carries q/k/v biases and has no attention_bias key (transformers Qwen2Attention).
        boolean qwen2 = c.modelType().equals("qwen2") || c.modelType().equals("qwen2_moe");
        boolean bias = t.bool("attention_bias", qwen2);
        // Qwen3-Next's full-attention layers always gate their output (transformers Qwen3NextAttention);
        // Qwen3.5 states it in attn_output_gate
        boolean gate = family == HfFamily.QWEN_NEXT && t.bool("attn_output_gate", true);
        return new AttentionSpec(AttentionKind.GQA, heads, kvHeads, headDim, bias, null, gate, qkNorm(c, family));
    }

    /**
     * The query/key norm of a GQA attention. Qwen3, Qwen3-MoE, Qwen3-Next and Qwen3.5 always
     * normalise each head (transformers {@code Qwen3Attention}, {@code Qwen3MoeAttention},
     * {@code Qwen3NextAttention}: {@code q_norm}/{@code k_norm}, no config key). MiniMax-M2 states
     * it: {@code use_qk_norm} with {@code qk_norm_type: per_layer} normalises all heads of a token
     * together. Other families normalise per head where {@code use_qk_norm} is true, except Llama 4,
     * whose L2 norm applies to its rope layers only (transformers {@code Llama4TextAttention}) and
     * is left out.
     */
    private static QkNorm qkNorm(HfConfig c, HfFamily family) {
        MapReader t = c.text();
        String type = c.modelType();
        if (type.equals("qwen3") || type.equals("qwen3_moe") || family == HfFamily.QWEN_NEXT) {
            return QkNorm.PER_HEAD;
        }
        if (family == HfFamily.LLAMA4 || !t.bool("use_qk_norm", false)) {
            return QkNorm.NONE;
        }
        boolean acrossHeads = t.has("qk_norm_type") && t.string("qk_norm_type").equals("per_layer");
        return acrossHeads ? QkNorm.ACROSS_HEADS : QkNorm.PER_HEAD;
    }

    /** Sparse attention keys of DeepSeek-V3.2 and GLM-5 (both name them alike); null for dense MLA. */
    private static DsaSpec sparse(HfConfig c) {
        MapReader t = c.text();
        boolean sparseType = c.modelType().equals("deepseek_v32") || c.modelType().equals("glm_moe_dsa");
        if (!sparseType && !t.has("index_topk")) {
            return null;
        }
        return new DsaSpec(t.positiveInt("index_n_heads"), t.positiveInt("index_head_dim"), t.positiveInt("index_topk"));
    }

    /** Gated DeltaNet dimensions of Qwen3-Next / Qwen3.5 (transformers Qwen3NextConfig names). */
    private static LinearAttentionSpec linearAttention(MapReader t) {
        int keyHeads = t.positiveInt("linear_num_key_heads");
        int valueHeads = t.positiveInt("linear_num_value_heads");
        if (valueHeads % keyHeads != 0) {
            throw t.error("linear_num_value_heads", "(" + valueHeads + ") must be a multiple of linear_num_key_heads ("
                    + keyHeads + ")");
        }
        // the recurrent state's dtype: mamba_ssm_dtype, float32 when absent (SGLang's default for
        // Qwen3-Next's SSM state, SGLANG_MAMBA_SSM_DTYPE)
        String ssm = t.string("mamba_ssm_dtype", "float32");
        double stateBytes;
        switch (ssm) {
            case "float32":
                stateBytes = 4.0;
                break;
            case "bfloat16":
            case "float16":
                stateBytes = 2.0;
                break;
            default:
                throw t.error("mamba_ssm_dtype", "is '" + ssm + "'; expected float32, bfloat16 or float16");
        }
        return new LinearAttentionSpec(keyHeads, valueHeads, t.positiveInt("linear_key_head_dim"),
                t.positiveInt("linear_value_head_dim"), t.positiveInt("linear_conv_kernel_dim"), stateBytes);
    }

    private static MoeSpec moe(MapReader t, HfFamily family) {
        switch (family) {
            case MIXTRAL:
            case GPT_OSS:
                return new MoeSpec(t.positiveInt("num_local_experts"), expertsPerToken(t),
                        t.positiveInt("intermediate_size"), 0, 0);
            case MINIMAX_M2: {
                int shared = t.nonNegativeInt("shared_intermediate_size", 0);
                return new MoeSpec(t.positiveInt("num_local_experts"), expertsPerToken(t),
                        t.positiveInt("intermediate_size"), shared > 0 ? 1 : 0, shared);
            }
            case QWEN_MOE:
            case QWEN_NEXT: {
                if (!t.has("num_experts") || t.positiveInt("num_experts") == 0) {
                    return null;
                }
                int shared = t.nonNegativeInt("shared_expert_intermediate_size", 0);
                return new MoeSpec(t.positiveInt("num_experts"), expertsPerToken(t),
                        t.positiveInt("moe_intermediate_size"), shared > 0 ? 1 : 0, shared);
            }
            case DEEPSEEK: {
                if (!t.has("n_routed_experts")) {
                    return null;
                }
                int width = t.positiveInt("moe_intermediate_size");
                int shared = t.nonNegativeInt("n_shared_experts", 0);
                return new MoeSpec(t.positiveInt("n_routed_experts"), expertsPerToken(t), width, shared,
                        shared > 0 ? width : 0);
            }
            case LLAMA4: {
                // Llama4TextMoe: routed experts and one shared expert, both of intermediate_size.
                int width = t.positiveInt("intermediate_size");
                return new MoeSpec(t.positiveInt("num_local_experts"), expertsPerToken(t), width, 1, width);
            }
            default:
                return null;
        }
    }

    private static int expertsPerToken(MapReader t) {
        return t.has("num_experts_per_tok") ? t.positiveInt("num_experts_per_tok") : t.positiveInt("experts_per_token");
    }

    /** Width of the dense FFN of non-MoE layers. */
    private static int denseWidth(MapReader t, HfFamily family) {
        if (family == HfFamily.LLAMA4) {
            return t.positiveInt("intermediate_size_mlp");
        }
        if (family == HfFamily.MIXTRAL || family == HfFamily.GPT_OSS || family == HfFamily.MINIMAX_M2) {
            throw new UserInputException(t.location() + ": " + family + " config has non-MoE layers, which its "
                    + "architecture does not have");
        }
        return t.positiveInt("intermediate_size");
    }
}
