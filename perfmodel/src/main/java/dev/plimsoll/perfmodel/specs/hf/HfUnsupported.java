package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.List;

/**
 * Picks the family of a config.json, or refuses it with the reason Plimsoll cannot represent it
 * faithfully. Refusing is preferred to loading a model whose cost or cache would be misstated.
 */
final class HfUnsupported {
    private HfUnsupported() {
    }

    static HfFamily familyOrThrow(HfConfig c) {
        MapReader t = c.text();
        HfFamily known = HfFamily.byModelType(c.modelType());
        if (t.has("index_topk") && known != HfFamily.DEEPSEEK) {
            throw refuse(c, "DeepSeek sparse attention (index_topk " + t.positiveInt("index_topk") + ") is read for "
                    + "DeepSeek-V3.2 and GLM-5 (model_type deepseek_v32, glm_moe_dsa) only");
        }
        int linear = countLayerType(t, "linear_attention");
        if (linear > 0 && known != HfFamily.QWEN_NEXT) {
            throw refuse(c, "gated DeltaNet linear-attention layers (" + linear + " of "
                    + t.positiveInt("num_hidden_layers") + " layers) are read for Qwen3-Next and Qwen3.5 "
                    + "(model_type qwen3_next, qwen3_5, qwen3_5_moe) only");
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
