package dev.plimsoll.perfmodel.ops;

/**
 * What one engine step runs on one attention-DP rank: prefill chunks and decode tokens.
 *
 * @param prefillRequests      requests with a prefill chunk in this step
 * @param prefillTokens        new tokens per prefill request
 * @param prefillPrefixTokens  tokens already cached for each prefill request (prefix hit or
 *                             earlier chunks)
 * @param decodeRequests       requests producing one token each
 * @param decodeContextTokens  mean KV length of the decode requests (tokens already cached)
 */
public record StepBatch(int prefillRequests, int prefillTokens, long prefillPrefixTokens, int decodeRequests,
                        long decodeContextTokens) {
    public StepBatch {
        if (prefillRequests < 0 || prefillTokens < 0 || prefillPrefixTokens < 0 || decodeRequests < 0
                || decodeContextTokens < 0) {
            throw new IllegalArgumentException("step sizes must be non-negative");
        }
        if (prefillRequests > 0 && prefillTokens == 0) {
            throw new IllegalArgumentException("a prefill request needs at least one token");
        }
    }

    public static StepBatch prefill(int requests, int tokens) {
        return new StepBatch(requests, tokens, 0, 0, 0);
    }

    public static StepBatch decode(int requests, long contextTokens) {
        return new StepBatch(0, 0, 0, requests, contextTokens);
    }

    /** Tokens the step pushes through the linear layers. */
    public long tokens() {
        return (long) prefillRequests * prefillTokens + decodeRequests;
    }

    /** Tokens whose logits are computed: the last of each prefill request and every decode. */
    public int sampledTokens() {
        return prefillRequests + decodeRequests;
    }

    public Phase phase() {
        if (prefillRequests > 0 && decodeRequests > 0) {
            return Phase.MIXED;
        }
        return prefillRequests > 0 ? Phase.PREFILL : Phase.DECODE;
    }

    public boolean isEmpty() {
        return tokens() == 0;
    }
}
