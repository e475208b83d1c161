package dev.plimsoll.optimizer.search;

/**
 * Serving figures of a whole deployment at its offered load. Latencies at the SLA percentile
 * unless named mean; rates per second.
 *
 * @param ttftMs            time to first token
 * @param itlMs             inter-token latency
 * @param e2eMs             end-to-end latency
 * @param ttftMeanMs        mean time to first token
 * @param itlMeanMs         mean inter-token latency
 * @param requestsPerS      requests served per second
 * @param outputTokensPerS  output tokens per second
 * @param tokensPerSPerGpu  output tokens per second per GPU
 * @param tokensPerSPerUser output tokens per second one request sees (1000 / mean ITL)
 */
public record Figures(double ttftMs, double itlMs, double e2eMs, double ttftMeanMs, double itlMeanMs,
                      double requestsPerS, double outputTokensPerS, double tokensPerSPerGpu,
                      double tokensPerSPerUser) {
}
