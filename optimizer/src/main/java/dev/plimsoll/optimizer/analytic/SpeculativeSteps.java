package dev.plimsoll.optimizer.analytic;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.WeightInventory;

/**
 * Decode steps with speculative decoding, priced the way the simulator prices them: the target
 * model verifies {@code k + 1} tokens per request (a decode step of {@code B (k + 1)} tokens), and
 * the draft head runs {@code k} passes over the batch, each {@code ratio} of a decode step. A step
 * yields {@code j} tokens for a request with probability {@code a^(j-1) (1 - a)} ({@code a^k} for
 * {@code k + 1}); each of its tokens sees an inter-token latency of {@code step / j}.
 */
public final class SpeculativeSteps {
    private final StepTimeModel steps;
    private final SpeculativeDecoding spec;

    public SpeculativeSteps(StepTimeModel steps, SpeculativeDecoding spec) {
        this.steps = steps;
        this.spec = spec;
    }

    /**
     * Share of a decode step that EAGLE's draft head costs: one decoder layer plus the LM head,
     * against all layers plus the LM head, counted in weights (decode streams weights).
     */
    public static double draftCostRatio(ModelSpec model) {
        double head = WeightInventory.lmHeadElements(model);
        double layers = Math.max(1.0, WeightInventory.activeParams(model) - head
                - WeightInventory.embeddingElements(model));
        double layer = layers / model.numLayers();
        return (layer + head) / (layers + head);
    }

    /** One decode step of {@code batch} requests at mean context {@code context}. */
    public double stepMs(int batch, long context) {
        if (!spec.enabled()) {
            return steps.stepMs(StepBatch.decode(batch, context));
        }
        int k = spec.draftTokens();
        double verify = steps.stepMs(StepBatch.decode(batch * (k + 1), context));
        double draft = steps.stepMs(StepBatch.decode(batch, context));
        return verify + k * spec.draftStepCostRatio() * draft;
    }

    /** Mean tokens a step yields per request. */
    public double tokensPerStep() {
        return spec.meanTokensPerStep();
    }

    /**
     * Inter-token latency at quantile {@code q} of the tokens of steps lasting {@code stepMs}: the
     * tokens of a step that yields {@code j} see {@code stepMs / j}, weighted by how many tokens such
     * steps yield.
     */
    public double itlQuantileMs(double stepMs, double q) {
        if (!spec.enabled()) {
            return stepMs;
        }
        int k = spec.draftTokens();
        double a = spec.acceptanceRate();
        double mean = tokensPerStep();
        // tokens seeing the longest gaps first: steps of one token, then two, ...
        double tail = 1.0 - q;
        double seen = 0;
        for (int j = 1; j <= k + 1; j++) {
            double pSteps = j <= k ? Math.pow(a, j - 1) * (1 - a) : Math.pow(a, k);
            seen += j * pSteps / mean;
            if (seen > tail) {
                return stepMs / j;
            }
        }
        return stepMs / (k + 1);
    }
}
