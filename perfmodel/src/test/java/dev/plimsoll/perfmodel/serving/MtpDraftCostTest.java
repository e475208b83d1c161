package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeepSeek-V3's MTP module as a draft: its pass cost and its published acceptance. */
class MtpDraftCostTest {
    @Test
    void anMtpPassReadsOneMoeLayerTheProjectionAndTheHead() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        double mtp = MtpDraftCost.ratio(ds);
        assertTrue(mtp > EagleDraftCost.ratio(ds), "eh_proj on top of a layer at least as heavy as the mean one");
        assertTrue(mtp > 1.0 / ds.numLayers() && mtp < 3.0 / ds.numLayers(),
                "one decoder layer plus the head of a 61-layer model: " + mtp);
    }

    @Test
    void theChainRateReproducesThePublishedAcceptanceLength() {
        double a = MtpAcceptance.rate(MtpAcceptance.CHAIN_DRAFT_TOKENS);
        double length = new SpeculativeDecoding(MtpAcceptance.CHAIN_DRAFT_TOKENS, a, 0).meanTokensPerStep();
        assertEquals(MtpAcceptance.CHAIN_ACCEPTANCE_LENGTH, length, 1e-9);
        assertTrue(a < MtpAcceptance.FIRST_TOKEN_RATE);
        assertEquals(MtpAcceptance.FIRST_TOKEN_RATE, MtpAcceptance.rate(1));
    }
}
