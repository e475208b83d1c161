package dev.plimsoll.optimizer.search;

/**
 * Serving figures of a whole deployment at its offered load. Latencies at the SLA percentile
 * unless named mean; rates per second. TPOT and ITL as {@link SlaTarget} defines them.
 *
 * @param ttftMs            time to first token
 * @param tpotMs            time per output token of a request (its mean gap)
 * @param itlMs             inter-token latency (each gap between output tokens)
 * @param e2eMs             end-to-end latency
 * @param ttftMeanMs        mean time to first token
 * @param itlMeanMs         mean inter-token latency (equal to the token-weighted mean TPOT)
 * @param requestsPerS      requests served per second
 * @param outputTokensPerS  output tokens per second
 * @param tokensPerSPerGpu  output tokens per second per GPU
 * @param tokensPerSPerUser output tokens per second one request sees (1000 / mean TPOT)
 */
public record Figures(double ttftMs, double tpotMs, double itlMs, double e2eMs, double ttftMeanMs, double itlMeanMs,
                      double requestsPerS, double outputTokensPerS, double tokensPerSPerGpu,
                      double tokensPerSPerUser) {
}
