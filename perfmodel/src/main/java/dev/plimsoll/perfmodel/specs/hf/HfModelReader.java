package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionKind;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.LayerLayout;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.MoeSpec;
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
                HfLayerRules.windows(c, family, numLayers));
        boolean anyDense = LayerLayout.anyOf(layers, FfnKind.DENSE);
        if (moe != null && !LayerLayout.anyOf(layers, FfnKind.MOE)) {
            moe = null;
        }
        int intermediate = anyDense ? denseWidth(t, family) : 0;
        QuantScheme quant = HfQuantReader.read(c, hfQuantNode, new HfModules(family, attention, moe, layers));
        return new ModelSpec(id, name, source, c.architecture(), hidden, vocab, tied, attention, intermediate, moe,
                layers, quant, maxContext);
    }

    private static AttentionSpec attention(HfConfig c, HfFamily family, int hidden) {
        MapReader t = c.text();
        int heads = t.positiveInt("num_attention_heads");
        if (family == HfFamily.DEEPSEEK) {
            MlaSpec mla = new MlaSpec(t.nonNegativeInt("q_lora_rank", 0), t.positiveInt("kv_lora_rank"),
                    t.positiveInt("qk_nope_head_dim"), t.positiveInt("qk_rope_head_dim"), t.positiveInt("v_head_dim"));
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
        return new AttentionSpec(AttentionKind.GQA, heads, kvHeads, headDim, bias, null);
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
            case QWEN_MOE: {
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
