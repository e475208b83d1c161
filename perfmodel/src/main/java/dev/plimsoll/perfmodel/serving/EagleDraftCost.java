package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.WeightInventory;

/**
 * Time of one EAGLE draft pass as a share of the target model's decode step, for
 * {@link dev.plimsoll.perfmodel.sim.SpeculativeDecoding#draftStepCostRatio()}.
 *
 * <p>An EAGLE draft head is one decoder layer of the target's width that reuses the target's LM
 * head (Li et al., "EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty", ICML
 * 2024, section 3.1). A decode step at serving batch sizes is bound by reading weights, so the
 * ratio is the weights one draft pass reads over the weights one target step reads: one average
 * decoder layer (active parameters: routed experts counted top-k times) plus the LM head, against
 * every decoder layer plus the LM head. The embedding lookup reads a few rows and is left out of
 * both.
 */
public final class EagleDraftCost {
    private EagleDraftCost() {
    }

    public static double ratio(ModelSpec model) {
        long lmHead = lmHeadElements(model);
        long layers = decoderElements(model);
        double draft = (double) layers / model.numLayers() + lmHead;
        return draft / (layers + lmHead);
    }

    /** The LM head a decode step reads; a tied one is the embedding matrix itself. */
    static long lmHeadElements(ModelSpec model) {
        return model.tiedEmbeddings() ? WeightInventory.embeddingElements(model)
                : WeightInventory.lmHeadElements(model);
    }

    /** Active weights of every decoder layer (routed experts counted top-k times), the final norm left out. */
    static long decoderElements(ModelSpec model) {
        return WeightInventory.activeParams(model) - WeightInventory.embeddingElements(model)
                - WeightInventory.lmHeadElements(model) - model.hiddenSize();
    }
}
