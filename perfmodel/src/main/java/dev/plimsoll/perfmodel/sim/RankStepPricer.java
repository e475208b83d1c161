package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.ArrayList;

/**
 * The step time of one rank's scheduled batch: prefill chunks and decodes priced at their mean
 * sizes, plus the draft head's passes of speculative decoding (EAGLE: once per proposed token over
 * the drafting requests).
 */
final class RankStepPricer {
    private final StepTimeModel stepTimes;
    private final double draftStepCostRatio;
    private final int fullLengthDraftTokens;

    RankStepPricer(StepTimeModel stepTimes, SpeculativeDecoding speculative) {
        this.stepTimes = stepTimes;
        this.draftStepCostRatio = speculative.draftStepCostRatio();
        this.fullLengthDraftTokens = speculative.draftTokens();
    }

    double stepMs(Rank rank) {
        ArrayList<SimRequest> scheduled = rank.scheduled;
        int prefillRequests = 0;
        long prefillTokens = 0;
        long prefixTokens = 0;
        int decodeTokens = 0;
        long contextTokens = 0;
        int drafting = 0;
        long draftContext = 0;
        for (int i = 0, n = scheduled.size(); i < n; i++) {
            SimRequest r = scheduled.get(i);
            if (r.decoding() && r.scheduledTokens == 1) {
                int verify = 1 + r.draftTokens;
                decodeTokens += verify;
                contextTokens += (long) r.computed * verify;
                if (r.draftTokens > 0) {
                    drafting++;
                    draftContext += r.computed;
                }
            } else {
                prefillRequests++;
                prefillTokens += r.scheduledTokens;
                prefixTokens += r.computed;
            }
        }
        StepBatch batch = new StepBatch(prefillRequests,
                prefillRequests == 0 ? 0 : (int) Math.max(1, Math.round((double) prefillTokens / prefillRequests)),
                prefillRequests == 0 ? 0 : Math.round((double) prefixTokens / prefillRequests), decodeTokens,
                decodeTokens == 0 ? 0 : Math.round((double) contextTokens / decodeTokens));
        double ms = stepTimes.stepMs(batch);
        if (drafting > 0 && draftStepCostRatio > 0) {
            double draftPassMs = stepTimes.stepMs(StepBatch.decode(drafting, Math.round((double) draftContext / drafting)));
            ms += fullLengthDraftTokens * draftStepCostRatio * draftPassMs;
        }
        return ms;
    }
}
