package dev.plimsoll.perfmodel.specs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * WeightInventory's parameter counts of the bundled models against the published figures.
 * {@link WeightInventory#activeParams} counts the input embedding, as Meta, Mistral, Qwen and
 * DeepSeek do in their "active" figures; OpenAI's gpt-oss model card counts the unembedding but not
 * the embedding lookup, so for gpt-oss the embedding is subtracted before comparing.
 * Vision encoders (Llama 4) and multi-token-prediction modules (DeepSeek, 14 B) are not modelled:
 * the published Llama 4 totals include the vision encoder (~0.8 B), hence their wider tolerance.
 */
class ParameterCountTest {

    @ParameterizedTest(name = "{0}: total {1} B +- {2}, active {3} B +- {4}")
    @CsvSource({
            // id, total B, tolerance, active B, tolerance, publisher excludes embedding from active
            "llama-3.1-8b,     8.03,  0.01, 8.03,  0.01, false",   // Meta model card
            "llama-3.1-70b,    70.6,  0.01, 70.6,  0.01, false",   // Meta model card
            "llama-3.1-405b,   405.9, 0.01, 405.9, 0.01, false",   // Meta model card
            "qwen3-32b,        32.8,  0.01, 32.8,  0.01, false",   // Qwen3 model card
            "qwen3-30b-a3b,    30.5,  0.01, 3.3,   0.03, false",   // Qwen3 model card (3.3 B rounded)
            "qwen3-235b-a22b,  235,   0.01, 22,    0.03, false",   // Qwen3 model card (22 B rounded)
            "deepseek-v3,      671,   0.01, 37,    0.03, false",   // DeepSeek-V3 report, without the 14 B MTP module
            "deepseek-r1,      671,   0.01, 37,    0.03, false",   // same architecture
            "mixtral-8x7b,     46.7,  0.01, 12.9,  0.01, false",   // Mistral AI announcement
            "gpt-oss-120b,     116.83, 0.01, 5.13, 0.01, true",    // gpt-oss model card table
            "gpt-oss-20b,      20.91, 0.01, 3.61,  0.01, true",    // gpt-oss model card table
            "llama-4-scout,    109,   0.02, 17,    0.03, false",   // Meta model card (total incl. vision encoder)
            "llama-4-maverick, 400,   0.02, 17,    0.03, false",   // Meta model card (total incl. vision encoder)
    })
    void matchesPublishedCounts(String id, double totalB, double totalTol, double activeB, double activeTol,
                                boolean publisherExcludesEmbedding) {
        ModelSpec m = SpecRegistry.bundled().model(id);
        double total = WeightInventory.totalParams(m) / 1e9;
        double active = (WeightInventory.activeParams(m)
                - (publisherExcludesEmbedding ? WeightInventory.embeddingElements(m) : 0)) / 1e9;
        assertEquals(totalB, total, totalB * totalTol, id + " total params (B)");
        assertEquals(activeB, active, activeB * activeTol, id + " active params (B)");
    }
}
