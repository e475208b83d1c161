package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * EAGLE-style speculative decoding (Li et al., "EAGLE: Speculative Sampling Requires Rethinking
 * Feature Uncertainty", ICML 2024): a light draft head proposes {@code draftTokens} tokens one after
 * another, and the target model verifies them together with the real next token in one step.
 * Each draft token is accepted with probability {@code acceptanceRate} until the first rejection
 * (the independence assumption of Leviathan et al., "Fast Inference from Transformers via
 * Speculative Decoding", ICML 2023), and the step adds one token of its own, so a step yields
 * {@code (1 - a^(k+1)) / (1 - a)} tokens on average.
 *
 * @param draftTokens        tokens proposed per step (k; vLLM num_speculative_tokens, SGLang
 *                           --speculative-num-steps); 0 disables speculation
 * @param acceptanceRate     probability that a draft token is accepted, in [0, 1]
 * @param draftStepCostRatio time of one draft forward pass over the decode batch, as a share of
 *                           the target model's decode step of the same batch (EAGLE's draft is one
 *                           decoder layer plus the LM head; the caller derives the ratio from the
 *                           model)
 */
public record SpeculativeDecoding(int draftTokens, double acceptanceRate, double draftStepCostRatio) {
    public static final SpeculativeDecoding NONE = new SpeculativeDecoding(0, 0.0, 0.0);

    public SpeculativeDecoding {
        if (draftTokens < 0) {
            throw new UserInputException("speculative draft tokens must be >= 0, got " + draftTokens);
        }
        if (!(acceptanceRate >= 0 && acceptanceRate <= 1)) {
            throw new UserInputException("speculative acceptance rate must be in [0, 1], got " + acceptanceRate);
        }
        if (!(draftStepCostRatio >= 0) || Double.isInfinite(draftStepCostRatio)) {
            throw new UserInputException("draft step cost ratio must be >= 0, got " + draftStepCostRatio);
        }
    }

    public boolean enabled() {
        return draftTokens > 0;
    }

    /** Mean tokens a decode step yields per request. */
    public double meanTokensPerStep() {
        if (!enabled()) {
            return 1.0;
        }
        if (acceptanceRate == 1.0) {
            return draftTokens + 1.0;
        }
        return (1.0 - Math.pow(acceptanceRate, draftTokens + 1)) / (1.0 - acceptanceRate);
    }
}
