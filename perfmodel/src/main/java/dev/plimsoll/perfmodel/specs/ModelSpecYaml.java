package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;
import dev.plimsoll.perfmodel.specs.tree.TreeParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a model spec YAML ({@code model-specs/<id>.yaml}) into a {@link ModelSpec}. The layer
 * list is written compactly:
 * <pre>
 * layers:
 *   count: 48
 *   dense_first: 0                  # first k layers use the dense FFN (first_k_dense_replace)
 *   dense_layers: []                # further dense layers by index (mlp_only_layers)
 *   ffn_pattern: [dense, moe]       # repeated by layer index; default [moe] with a moe block, else [dense]
 *   window_pattern: [chunked 8192, chunked 8192, chunked 8192, full]   # repeated; default [full]
 * </pre>
 * Layer {@code i} is MoE when {@code ffn_pattern[i % n]} is {@code moe}, it is not among the
 * first {@code dense_first} and not in {@code dense_layers}; its window is
 * {@code window_pattern[i % m]}: {@code full}, {@code sliding <tokens>} or {@code chunked <tokens>}.
 * See {@code model-specs/README.md} for the whole schema.
 */
public final class ModelSpecYaml {
    /** Key that marks a file as a model spec (used by {@link SpecRegistry} to sort user files). */
    public static final String MARKER_KEY = "hidden_size";

    private ModelSpecYaml() {
    }

    public static ModelSpec parse(String yaml, String file) {
        return read(TreeParser.parseYaml(yaml, file));
    }

    public static ModelSpec read(Node root) {
        MapReader r = MapReader.of(root, "");
        String id = SpecIds.require(r, "id");
        String name = r.string("name", id);
        String architecture = r.string("architecture", "unspecified");
        String source = r.string("source", root.location().file());
        int hidden = r.positiveInt(MARKER_KEY);
        int vocab = r.positiveInt("vocab_size");
        boolean tied = r.bool("tied_embeddings");
        int maxContext = r.positiveInt("max_context_tokens");
        AttentionSpec attention = attention(r.map("attention"));
        boolean hasIntermediate = r.has("intermediate_size");
        int intermediate = hasIntermediate ? r.positiveInt("intermediate_size") : 0;
        MoeSpec moe = r.has("moe") ? moe(r.map("moe")) : null;
        List<LayerSpec> layers = layers(r.map("layers"), moe != null);
        QuantScheme quant = r.has("default_quant") ? quant(r, "default_quant") : QuantPresets.get("bf16");
        r.rejectUnknownKeys();

        boolean anyDense = LayerLayout.anyOf(layers, FfnKind.DENSE);
        boolean anyMoe = LayerLayout.anyOf(layers, FfnKind.MOE);
        if (anyDense && !hasIntermediate) {
            throw r.error("layers has dense layers, so intermediate_size (the dense FFN width) is required");
        }
        if (!anyDense && hasIntermediate) {
            throw r.error("intermediate_size", "is the dense FFN width, but every layer is MoE: remove it "
                    + "(the expert width is moe.expert_intermediate_size)");
        }
        if (moe != null && !anyMoe) {
            throw r.error("moe", "is given but no layer is MoE (see layers.ffn_pattern)");
        }
        return new ModelSpec(id, name, source, architecture, hidden, vocab, tied, attention, intermediate, moe,
                layers, quant, maxContext);
    }

    private static AttentionSpec attention(MapReader r) {
        String kind = r.string("kind").toLowerCase(Locale.ROOT);
        int heads = r.positiveInt("num_heads");
        boolean bias = r.bool("qkv_bias", false);
        AttentionSpec spec;
        if (kind.equals("gqa")) {
            int kvHeads = r.positiveInt("num_kv_heads");
            int headDim = r.positiveInt("head_dim");
            if (r.has("mla")) {
                throw r.error("mla", "is only allowed with kind: mla");
            }
            if (heads % kvHeads != 0) {
                throw r.error("num_kv_heads", "(" + kvHeads + ") must divide num_heads (" + heads + ")");
            }
            spec = new AttentionSpec(AttentionKind.GQA, heads, kvHeads, headDim, bias, null, false, qkNorm(r));
        } else if (kind.equals("mla")) {
            if (r.has("head_dim")) {
                throw r.error("head_dim", "is derived for MLA (qk_nope_head_dim + qk_rope_head_dim): remove it");
            }
            if (r.has("qk_norm")) {
                throw r.error("qk_norm", "is only allowed with kind: gqa (MLA normalises its latents)");
            }
            int kvHeads = r.positiveInt("num_kv_heads", heads);
            if (kvHeads != heads) {
                throw r.error("num_kv_heads", "must equal num_heads for MLA");
            }
            MlaSpec mla = mla(r.map("mla"));
            spec = new AttentionSpec(AttentionKind.MLA, heads, heads, mla.qkHeadDim(), bias, mla);
        } else {
            throw r.error("kind", "must be gqa or mla, got '" + kind + "'");
        }
        r.rejectUnknownKeys();
        return spec;
    }

    /** Optional {@code qk_norm: none | per_head | across_heads} of a GQA attention (default none). */
    private static QkNorm qkNorm(MapReader r) {
        if (!r.has("qk_norm")) {
            return QkNorm.NONE;
        }
        String text = r.string("qk_norm");
        QkNorm norm = QkNorm.parse(text);
        if (norm == null) {
            throw r.error("qk_norm", "must be none, per_head or across_heads, got '" + text + "'");
        }
        return norm;
    }

    private static MlaSpec mla(MapReader r) {
        MlaSpec m = new MlaSpec(r.nonNegativeInt("q_lora_rank"), r.positiveInt("kv_lora_rank"),
                r.positiveInt("qk_nope_head_dim"), r.positiveInt("qk_rope_head_dim"), r.positiveInt("v_head_dim"));
        r.rejectUnknownKeys();
        return m;
    }

    private static MoeSpec moe(MapReader r) {
        int experts = r.positiveInt("num_experts");
        int perToken = r.positiveInt("experts_per_token");
        int width = r.positiveInt("expert_intermediate_size");
        int shared = r.nonNegativeInt("num_shared_experts", 0);
        int sharedWidth = shared > 0 ? r.positiveInt("shared_intermediate_size") : 0;
        if (shared == 0 && r.has("shared_intermediate_size")) {
            throw r.error("shared_intermediate_size", "needs num_shared_experts > 0");
        }
        if (perToken > experts) {
            throw r.error("experts_per_token", "(" + perToken + ") must not exceed num_experts (" + experts + ")");
        }
        r.rejectUnknownKeys();
        return new MoeSpec(experts, perToken, width, shared, sharedWidth);
    }

    private static List<LayerSpec> layers(MapReader r, boolean hasMoe) {
        int count = r.positiveInt("count");
        if (count > LayerLayout.MAX_LAYERS) {
            throw r.error("count", "(" + count + ") exceeds " + LayerLayout.MAX_LAYERS
                    + " layers, more than any model has");
        }
        int denseFirst = r.nonNegativeInt("dense_first", 0);
        if (denseFirst > count) {
            throw r.error("dense_first", "(" + denseFirst + ") exceeds count (" + count + ")");
        }
        Set<Integer> denseLayers = new HashSet<>();
        for (Node n : r.list("dense_layers", List.of())) {
            int i = (int) MapReader.asLong(n, r.keyPath("dense_layers") + " item");
            if (i < 0 || i >= count) {
                throw MapReader.valueError(n, r.keyPath("dense_layers") + " item", "must be a layer index in [0, "
                        + count + ")");
            }
            denseLayers.add(i);
        }
        List<FfnKind> ffn = new ArrayList<>();
        for (Node n : r.list("ffn_pattern", List.of())) {
            String v = MapReader.asString(n, r.keyPath("ffn_pattern") + " item").toLowerCase(Locale.ROOT);
            if (v.equals("moe") && hasMoe) {
                ffn.add(FfnKind.MOE);
            } else if (v.equals("dense")) {
                ffn.add(FfnKind.DENSE);
            } else {
                throw MapReader.valueError(n, r.keyPath("ffn_pattern") + " item",
                        v.equals("moe") ? "is moe but the model has no moe block" : "must be dense or moe");
            }
        }
        if (ffn.isEmpty()) {
            ffn.add(hasMoe ? FfnKind.MOE : FfnKind.DENSE);
        }
        List<AttentionWindow> windows = new ArrayList<>();
        for (Node n : r.list("window_pattern", List.of())) {
            windows.add(window(n, r.keyPath("window_pattern") + " item"));
        }
        if (windows.isEmpty()) {
            windows.add(AttentionWindow.FULL);
        }
        r.rejectUnknownKeys();
        return LayerLayout.build(count,
                i -> i >= denseFirst && !denseLayers.contains(i) && ffn.get(i % ffn.size()) == FfnKind.MOE,
                i -> windows.get(i % windows.size()));
    }

    /** {@code full}, {@code sliding <tokens>} or {@code chunked <tokens>}. */
    static AttentionWindow window(Node n, String what) {
        String text = MapReader.asString(n, what).trim().toLowerCase(Locale.ROOT);
        String[] parts = text.split("\\s+");
        if (parts.length == 1 && parts[0].equals("full")) {
            return AttentionWindow.FULL;
        }
        if (parts.length == 2 && (parts[0].equals("sliding") || parts[0].equals("chunked"))) {
            int tokens;
            try {
                tokens = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                tokens = -1;
            }
            if (tokens > 0) {
                return parts[0].equals("sliding") ? AttentionWindow.sliding(tokens) : AttentionWindow.chunked(tokens);
            }
        }
        throw MapReader.valueError(n, what, "must be 'full', 'sliding <tokens>' or 'chunked <tokens>'");
    }

    /** A preset name, or a mapping {@code {preset, scope: all|experts|linear, kv_cache: bf16|fp8}}. */
    private static QuantScheme quant(MapReader parent, String key) {
        Node n = parent.required(key);
        if (n instanceof Node.Scalar) {
            return preset(n, MapReader.asString(n, parent.keyPath(key)));
        }
        MapReader r = MapReader.of(n, parent.keyPath(key));
        QuantScheme scheme = preset(r.required("preset"), r.string("preset"));
        if (r.has("scope")) {
            scheme = QuantPresets.scoped(scheme, scope(r));
        }
        if (r.has("kv_cache")) {
            try {
                scheme = scheme.withKvCache(QuantPresets.kvCache(r.string("kv_cache")));
            } catch (UserInputException e) {
                throw r.error("kv_cache", e.getMessage());
            }
        }
        r.rejectUnknownKeys();
        return scheme;
    }

    private static QuantScheme preset(Node n, String name) {
        try {
            return QuantPresets.get(name);
        } catch (UserInputException e) {
            throw new UserInputException(n.location() + ": " + e.getMessage());
        }
    }

    private static QuantScope scope(MapReader r) {
        String s = r.string("scope").toLowerCase(Locale.ROOT);
        for (QuantScope q : QuantScope.values()) {
            if (q.key().equals(s)) {
                return q;
            }
        }
        throw r.error("scope", "must be all, experts or linear, got '" + s + "'");
    }
}
