package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Which layers are MoE and which attention window each layer has, following the transformers
 * modelling code of each family (cited per rule).
 */
final class HfLayerRules {
    /** transformers Llama4TextConfig default: every 4th layer is a NoPE (global) layer. */
    private static final int LLAMA4_DEFAULT_NO_ROPE_INTERVAL = 4;

    private HfLayerRules() {
    }

    static IntPredicate moeLayers(MapReader t, HfFamily family, int numLayers) {
        switch (family) {
            case MIXTRAL:
            case GPT_OSS:
            case MINIMAX_M2:
                return i -> true;
            case QWEN_MOE:
            case QWEN_NEXT: {
                // Qwen3MoeDecoderLayer (and Qwen3NextDecoderLayer): MoE when not in mlp_only_layers and (i + 1) % decoder_sparse_step == 0.
                if (!t.has("num_experts") || t.positiveInt("num_experts") == 0) {
                    return i -> false;
                }
                Set<Integer> mlpOnly = indices(t, "mlp_only_layers", numLayers);
                int step = t.positiveInt("decoder_sparse_step", 1);
                return i -> !mlpOnly.contains(i) && (i + 1) % step == 0;
            }
            case DEEPSEEK: {
                // DeepseekV3DecoderLayer: MoE when i >= first_k_dense_replace and i % moe_layer_freq == 0.
                if (!t.has("n_routed_experts")) {
                    return i -> false;
                }
                int firstDense = t.nonNegativeInt("first_k_dense_replace", 0);
                int freq = t.positiveInt("moe_layer_freq", 1);
                return i -> i >= firstDense && i % freq == 0;
            }
            case LLAMA4: {
                // Llama4TextConfig.moe_layers, default range(step - 1, layers, step).
                if (t.has("moe_layers")) {
                    Set<Integer> moe = indices(t, "moe_layers", numLayers);
                    return moe::contains;
                }
                int step = t.positiveInt("interleave_moe_layer_step", 1);
                return i -> (i + 1) % step == 0;
            }
            default:
                return i -> false;
        }
    }

    static IntFunction<AttentionWindow> windows(HfConfig c, HfFamily family, int numLayers) {
        MapReader t = c.text();
        if (t.has("layer_types")) {
            List<AttentionWindow> w = fromLayerTypes(t, numLayers);
            return w::get;
        }
        if (family == HfFamily.LLAMA4) {
            return llama4(t, numLayers);
        }
        if (!t.has("sliding_window") || !t.bool("use_sliding_window", true)) {
            return i -> AttentionWindow.FULL;
        }
        AttentionWindow sliding = AttentionWindow.sliding(t.positiveInt("sliding_window"));
        if (t.has("max_window_layers") && family != HfFamily.MIXTRAL) {
            // Qwen2/Qwen3: the first max_window_layers layers keep full attention, later ones slide.
            int full = t.nonNegativeInt("max_window_layers");
            return i -> i < full ? AttentionWindow.FULL : sliding;
        }
        return i -> sliding;
    }

    /**
     * Which layers are gated DeltaNet linear attention: the "linear_attention" entries of
     * layer_types, else every layer but each full_attention_interval-th (transformers
     * Qwen3NextConfig: layer i is full attention when (i + 1) % full_attention_interval == 0).
     * Only Qwen3-Next / Qwen3.5 have such layers.
     */
    static IntPredicate linearAttentionLayers(MapReader t, HfFamily family, int numLayers) {
        if (family != HfFamily.QWEN_NEXT) {
            return i -> false;
        }
        if (t.has("layer_types")) {
            List<Node> types = t.list("layer_types");
            boolean[] linear = new boolean[numLayers];
            for (int i = 0; i < Math.min(numLayers, types.size()); i++) {
                linear[i] = "linear_attention".equals(MapReader.asString(types.get(i), t.keyPath("layer_types")
                        + " item"));
            }
            return i -> linear[i];
        }
        if (!t.has("full_attention_interval")) {
            throw t.error("has neither layer_types nor full_attention_interval: cannot tell the gated DeltaNet "
                    + "layers from the full-attention ones");
        }
        int interval = t.positiveInt("full_attention_interval");
        return i -> (i + 1) % interval != 0;
    }

    private static List<AttentionWindow> fromLayerTypes(MapReader t, int numLayers) {
        List<Node> types = t.list("layer_types");
        if (types.size() != numLayers) {
            throw t.error("layer_types", "has " + types.size() + " entries for " + numLayers + " layers");
        }
        List<AttentionWindow> windows = new ArrayList<>(numLayers);
        for (Node n : types) {
            String type = MapReader.asString(n, t.keyPath("layer_types") + " item");
            switch (type) {
                case "full_attention":
                    windows.add(AttentionWindow.FULL);
                    break;
                case "sliding_attention":
                    windows.add(AttentionWindow.sliding(t.positiveInt("sliding_window")));
                    break;
                case "chunked_attention":
                    windows.add(AttentionWindow.chunked(t.positiveInt("attention_chunk_size")));
                    break;
                case "linear_attention":
                    // no attention span: the layer keeps a recurrent state (see linearAttentionLayers)
                    windows.add(AttentionWindow.FULL);
                    break;
                default:
                    throw new UserInputException(n.location() + ": unsupported layer type '" + type
                            + "' (Plimsoll models full_attention, sliding_attention, chunked_attention and linear_attention)");
            }
        }
        return windows;
    }

    /**
     * Llama 4: layers that use rotary embeddings attend within chunks of attention_chunk_size;
     * NoPE layers attend globally. no_rope_layers[i] is 1 for a rope layer; absent, every
     * no_rope_layer_interval-th layer is NoPE (transformers Llama4TextConfig).
     */
    private static IntFunction<AttentionWindow> llama4(MapReader t, int numLayers) {
        if (!t.has("attention_chunk_size")) {
            return i -> AttentionWindow.FULL;
        }
        AttentionWindow chunked = AttentionWindow.chunked(t.positiveInt("attention_chunk_size"));
        if (t.has("no_rope_layers") && !t.list("no_rope_layers").isEmpty()) {
            List<Node> flags = t.list("no_rope_layers");
            if (flags.size() != numLayers) {
                throw t.error("no_rope_layers", "has " + flags.size() + " entries for " + numLayers + " layers");
            }
            boolean[] rope = new boolean[numLayers];
            for (int i = 0; i < numLayers; i++) {
                rope[i] = MapReader.asLong(flags.get(i), t.keyPath("no_rope_layers") + " item") != 0;
            }
            return i -> rope[i] ? chunked : AttentionWindow.FULL;
        }
        int interval = t.positiveInt("no_rope_layer_interval", LLAMA4_DEFAULT_NO_ROPE_INTERVAL);
        return i -> (i + 1) % interval == 0 ? AttentionWindow.FULL : chunked;
    }

    private static Set<Integer> indices(MapReader t, String key, int numLayers) {
        Set<Integer> out = new HashSet<>();
        for (Node n : t.list(key, List.of())) {
            long i = MapReader.asLong(n, t.keyPath(key) + " item");
            if (i < 0 || i >= numLayers) {
                throw MapReader.valueError(n, t.keyPath(key) + " item", "must be a layer index below " + numLayers);
            }
            out.add((int) i);
        }
        return out;
    }
}
