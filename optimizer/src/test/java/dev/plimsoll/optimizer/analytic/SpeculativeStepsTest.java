package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeculativeStepsTest {
    /** 1 ms per request of the batch. */
    private static final dev.plimsoll.perfmodel.cost.StepTimeModel LINEAR = b -> b.tokens();

    @Test
    void withoutSpeculationEveryTokenSeesTheStep() {
        SpeculativeSteps s = new SpeculativeSteps(LINEAR, SpeculativeDecoding.NONE);
        assertEquals(8.0, s.stepMs(8, 100));
        assertEquals(8.0, s.itlQuantileMs(8.0, 0.9));
        assertEquals(1.0, s.tokensPerStep());
    }

    @Test
    void aStepVerifiesKPlusOneTokensAndRunsKDraftPasses() {
        SpeculativeSteps s = new SpeculativeSteps(LINEAR, new SpeculativeDecoding(3, 0.5, 0.1));
        // verify 8 x 4 tokens, plus 3 draft passes of 0.1 x an 8-request step
        assertEquals(32 + 3 * 0.1 * 8, s.stepMs(8, 100), 1e-9);
        // tokens per step 1 + a + a^2 + a^3 = 1.875; steps of one token hold 0.5 / 1.875 = 27 % of tokens
        assertEquals(1.875, s.tokensPerStep(), 1e-12);
        assertEquals(10.0, s.itlQuantileMs(10.0, 0.9), "the slowest 10 % of tokens come from one-token steps");
        assertEquals(10.0 / 2, s.itlQuantileMs(10.0, 0.5), 1e-9);
    }

    @Test
    void theDraftCostsAboutOneLayerAndTheLmHead() {
        double r = SpeculativeSteps.draftCostRatio(Plans.REGISTRY.model("llama-3.1-8b"));
        assertTrue(r > 1.0 / 32 && r < 0.2, "ratio " + r);
    }
}
