package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.List;
import java.util.Set;

/**
 * Picks the family of a config.json, or refuses it with the reason Plimsoll cannot represent it
 * faithfully. Refusing is preferred to loading a model whose cost or cache would be misstated.
 */
final class HfUnsupported {
    private static final Set<String> SPARSE_ATTENTION_TYPES = Set.of("glm_moe_dsa", "deepseek_v32");
    private static final Set<String> LINEAR_ATTENTION_TYPES =
            Set.of("qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text");

    private HfUnsupported() {
    }

    static HfFamily familyOrThrow(HfConfig c) {
        MapReader t = c.text();
        if (SPARSE_ATTENTION_TYPES.contains(c.modelType()) || t.has("index_topk")) {
            String topk = t.has("index_topk") ? " (index_topk " + t.positiveInt("index_topk") + ")" : "";
            throw refuse(c, "DeepSeek sparse attention" + topk + ": each query attends to keys picked by a "
                    + "learned indexer while the cache keeps every token plus the indexer's keys; no full, "
                    + "sliding or chunked window states both the attention cost and the cache correctly");
        }
        int linear = countLayerType(t, "linear_attention");
        if (linear > 0 || LINEAR_ATTENTION_TYPES.contains(c.modelType())) {
            String share = linear > 0 ? " (" + linear + " of " + t.positiveInt("num_hidden_layers") + " layers)" : "";
            throw refuse(c, "gated DeltaNet linear-attention layers" + share + " keep a fixed-size recurrent "
                    + "state instead of a KV cache; Plimsoll models softmax attention layers only");
        }
        if (t.has("attn_type_list")) {
            long lightning = t.list("attn_type_list").stream()
                    .filter(n -> MapReader.asLong(n, "attn_type_list item") == 0).count();
            if (lightning > 0) {
                throw refuse(c, "lightning (linear) attention in " + lightning + " layers keeps a recurrent "
                        + "state instead of a KV cache; Plimsoll models softmax attention layers only");
            }
        }
        HfFamily family = HfFamily.byModelType(c.modelType());
        if (family == null) {
            throw refuse(c, "Plimsoll reads the config.json of " + String.join(", ", HfFamily.SUPPORTED)
                    + "; describe other models in a model YAML (see model-specs/README.md)");
        }
        return family;
    }

    private static int countLayerType(MapReader t, String type) {
        if (!t.has("layer_types")) {
            return 0;
        }
        List<Node> types = t.list("layer_types");
        int n = 0;
        for (Node node : types) {
            if (node instanceof Node.Scalar && type.equals(((Node.Scalar) node).text())) {
                n++;
            }
        }
        return n;
    }

    private static UserInputException refuse(HfConfig c, String reason) {
        return new UserInputException(c.file() + ": unsupported architecture '" + c.architecture()
                + "' (model_type '" + c.modelType() + "'): " + reason);
    }
}
