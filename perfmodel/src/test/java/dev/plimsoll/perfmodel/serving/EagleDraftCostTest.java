package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.TestSpecs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EagleDraftCostTest {
    @Test
    void llama8bDraftReadsOneLayerAndTheLmHead() {
        // Llama-3.1-8B: 32 layers of 218.1 M parameters, LM head 128256 x 4096 = 525.3 M
        double layer = 4096.0 * (4096 + 2 * 1024 + 4096) + 2 * 4096 + 3.0 * 4096 * 14336;
        double lmHead = 128256.0 * 4096;
        double expected = (layer + lmHead) / (32 * layer + lmHead);
        assertEquals(expected, EagleDraftCost.ratio(TestSpecs.model("llama-3.1-8b")), 1e-9);
        assertEquals(0.099, expected, 0.001);
    }

    @Test
    void deeperModelsHaveCheaperDrafts() {
        double r8 = EagleDraftCost.ratio(TestSpecs.model("llama-3.1-8b"));
        double r70 = EagleDraftCost.ratio(TestSpecs.model("llama-3.1-70b"));
        double r405 = EagleDraftCost.ratio(TestSpecs.model("llama-3.1-405b"));
        assertTrue(r8 > r70 && r70 > r405, r8 + " " + r70 + " " + r405);
        assertTrue(r405 > 1.0 / 126, "at least one layer of 126");
    }

    @Test
    void moeDraftCountsActiveExpertsOnly() {
        double r = EagleDraftCost.ratio(TestSpecs.model("qwen3-30b-a3b"));
        // 48 layers, active per token about 3 B: one layer plus the LM head is far more than 1/48
        assertTrue(r > 1.0 / 48 && r < 0.5, String.valueOf(r));
    }
}
