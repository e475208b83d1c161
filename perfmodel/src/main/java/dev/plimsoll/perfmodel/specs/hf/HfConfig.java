package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.specs.tree.MapReader;
import dev.plimsoll.perfmodel.specs.tree.Node;

import java.util.List;
import java.util.Optional;

/**
 * A parsed config.json: the root mapping and the text-model mapping inside it
 * ({@code text_config} for multimodal wrappers such as Llama 4 and Kimi-K2.5, else the root).
 *
 * @param root        the whole file
 * @param text        the language model's settings
 * @param modelType   the text model's model_type (falls back to the root's)
 * @param architecture the first of the root's architectures (falls back to model_type)
 * @param file        the file, for messages
 */
record HfConfig(MapReader root, MapReader text, String modelType, String architecture, String file) {

    static HfConfig of(Node rootNode) {
        MapReader root = MapReader.of(rootNode, "");
        MapReader text = root.optionalMap("text_config").orElse(root);
        String modelType = text.string("model_type", root.string("model_type", ""));
        String architecture = modelType;
        if (root.has("architectures")) {
            List<Node> archs = root.list("architectures");
            if (!archs.isEmpty()) {
                architecture = MapReader.asString(archs.get(0), "architectures item");
            }
        }
        if (modelType.isEmpty() && architecture.isEmpty()) {
            throw root.error("has neither model_type nor architectures: is this a Hugging Face config.json?");
        }
        return new HfConfig(root, text, modelType, architecture, rootNode.location().file());
    }

    /** A key of the text config, or of the root when the text config lacks it. */
    Optional<Node> find(String key) {
        Optional<Node> n = text.optional(key);
        return n.isPresent() || text == root ? n : root.optional(key);
    }

    /** The reader (text or root) that holds {@code key}, text first. */
    MapReader holder(String key) {
        return text.has(key) || text == root || !root.has(key) ? text : root;
    }
}
