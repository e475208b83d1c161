package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sizes in a model YAML that would make the reader allocate without bound are refused first. */
class SpecYamlLimitsTest {
    private static final String MODEL = String.join("\n",
            "id: test-dense",
            "hidden_size: 1024",
            "vocab_size: 32000",
            "tied_embeddings: false",
            "max_context_tokens: 4096",
            "intermediate_size: 4096",
            "attention: {kind: gqa, num_heads: 16, num_kv_heads: 4, head_dim: 64}",
            "layers:",
            "  count: %d") + "\n";

    @Test
    void aLayerCountNoModelHasIsRefusedBeforeTheLayersAreBuilt() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ModelSpecYaml.parse(MODEL.formatted(2_000_000_000), "model.yaml"));
        assertEquals("model.yaml:9:10: layers.count (2000000000) exceeds 10000 layers, more than any model has",
                e.getMessage());
    }

    @Test
    void theLargestAllowedLayerCountStillLoads() {
        assertEquals(LayerLayout.MAX_LAYERS,
                ModelSpecYaml.parse(MODEL.formatted(LayerLayout.MAX_LAYERS), "model.yaml").numLayers());
    }
}
