package dev.plimsoll.perfmodel.serving;

/**
 * Acceptance rate of DeepSeek-V3/R1's own MTP module as a speculative draft, from published
 * measurements (never from measured deployments scored here), for the single per-token rate of
 * {@link dev.plimsoll.perfmodel.sim.SpeculativeDecoding}.
 * <ul>
 *   <li>One draft token: "the acceptance rate of the second token prediction ranges between 85% and
 *       90% across various generation topics" (DeepSeek-V3 Technical Report, arXiv:2412.19437,
 *       section 5.4.3); the low end is taken ({@link #FIRST_TOKEN_RATE}); vLLM measured 81-82.3% on
 *       DeepSeek-R1 with k = 1 (vllm-project/vllm PR #12755).</li>
 *   <li>Several draft tokens: the module was trained for the first position only and is reused
 *       autoregressively for the later ones (TensorRT-LLM's "MTP Eagle", its default for DeepSeek-R1),
 *       where acceptance degrades. Nebius' model card for nebius/MTP-DeepSeek-V3-0324 gives the
 *       original module's mean acceptance length over MT-bench, HumanEval and GSM8K with K = 7 drafts:
 *       3.20 at temperature 0 ({@link #CHAIN_ACCEPTANCE_LENGTH}). The per-token rate whose chain of K
 *       yields that length ({@link #chainRate}) stands for every later position.</li>
 * </ul>
 * InferenceX's client sends random-token prompts at temperature 0 (utils/bench_serving,
 * backend_request_func.py); the drafts are checked against what the model generates, not against the
 * prompt, so the rates of chat and code benchmarks are assumed to carry over.
 */
public final class MtpAcceptance {
    /** DeepSeek-V3 report, section 5.4.3: 85-90% for the second token; the low end. */
    public static final double FIRST_TOKEN_RATE = 0.85;
    /** Nebius MTP-DeepSeek-V3-0324 model card: original MTP, temperature 0, mean acceptance length. */
    public static final double CHAIN_ACCEPTANCE_LENGTH = 3.20;
    /** The draft tokens of that measurement (K = 7). */
    public static final int CHAIN_DRAFT_TOKENS = 7;

    private MtpAcceptance() {
    }

    /** The per-token acceptance rate for a chain of {@code draftTokens} reused-module drafts. */
    public static double rate(int draftTokens) {
        return draftTokens <= 1 ? FIRST_TOKEN_RATE : chainRate(CHAIN_ACCEPTANCE_LENGTH, CHAIN_DRAFT_TOKENS);
    }

    /**
     * The rate a whose chain of k drafts yields {@code acceptanceLength} tokens a step,
     * (1 - a^(k+1)) / (1 - a) (SpeculativeDecoding#meanTokensPerStep), solved by bisection; the
     * length rises with a from 1 at a = 0 to k + 1 at a = 1.
     */
    static double chainRate(double acceptanceLength, int k) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double a = (lo + hi) / 2;
            double length = (1 - Math.pow(a, k + 1)) / (1 - a);
            if (length < acceptanceLength) {
                lo = a;
            } else {
                hi = a;
            }
        }
        return (lo + hi) / 2;
    }
}
