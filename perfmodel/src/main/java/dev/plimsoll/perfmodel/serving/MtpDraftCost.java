package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import dev.plimsoll.perfmodel.specs.WeightTensor;

import java.util.List;

/**
 * Time of one pass of DeepSeek-V3's multi-token-prediction module as a share of the target model's
 * decode step, for {@link dev.plimsoll.perfmodel.sim.SpeculativeDecoding#draftStepCostRatio()}.
 *
 * <p>The MTP module (DeepSeek-V3 Technical Report, arXiv:2412.19437, section 2.2; config.json
 * {@code num_nextn_predict_layers: 1}) is one decoder layer of the model's own kind, placed after the
 * last one (MoE for DeepSeek-V3/R1: its index is past {@code first_k_dense_replace}), fed by a projection
 * {@code eh_proj} of the concatenated normalised hidden state and token embedding (2h x h, with two
 * RMSNorms), and it shares the embedding and the output head with the main model. TensorRT-LLM runs
 * DeepSeek-R1 with the "MTP Eagle" path by default: it calls that single module once per draft token
 * (TensorRT-LLM tech blog "DeepSeek R1 MTP Implementation and Optimization", sections MTP Eagle and
 * Basic Implementation). As for EAGLE ({@link EagleDraftCost}), a decode step at serving batch sizes is
 * bound by reading weights, so the ratio is what one module pass reads (the last decoder layer with
 * routed experts counted top-k times, eh_proj, the norms, the LM head) over what a target step reads.
 */
public final class MtpDraftCost {
    private MtpDraftCost() {
    }

    public static double ratio(ModelSpec model) {
        long h = model.hiddenSize();
        long lmHead = EagleDraftCost.lmHeadElements(model);
        long layers = EagleDraftCost.decoderElements(model);
        List<LayerSpec> all = model.layers();
        long module = activeElements(model, all.get(all.size() - 1)) + 2 * h * h + 3 * h;
        return (double) (module + lmHead) / (layers + lmHead);
    }

    private static long activeElements(ModelSpec model, LayerSpec layer) {
        long sum = 0;
        for (WeightTensor w : WeightInventory.layer(model, layer)) {
            long e = w.elements();
            if (w.group() == WeightTensor.WeightGroup.EXPERT) {
                e = e / model.moe().numExperts() * model.moe().expertsPerToken();
            }
            sum += e;
        }
        return sum;
    }
}
