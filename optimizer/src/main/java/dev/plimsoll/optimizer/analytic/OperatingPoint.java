package dev.plimsoll.optimizer.analytic;

/**
 * Steady state of one engine replica at a mean running batch, from the analytic model. Times in
 * ms, rates per second of the whole replica (all its attention-DP ranks).
 *
 * @param meanBatch       mean running requests per rank
 * @param maxRunning      running-request cap per rank to launch with (max-num-seqs)
 * @param ttftMs          time to first token at the SLA percentile
 * @param ttftMeanMs      mean time to first token
 * @param itlMs           inter-token latency at the SLA percentile
 * @param itlMeanMs       mean inter-token latency
 * @param tpotMs          time per output token of a request at the SLA percentile
 * @param e2eMs           end-to-end latency at the SLA percentile (approximate)
 * @param requestsPerS    requests the replica completes per second
 * @param queueWaitMs     prefill queueing at the SLA percentile (part of {@code ttftMs})
 * @param prefillMs       prefill of one request once it starts (part of {@code ttftMs})
 * @param decodeStepMs    decode step at the mean batch
 * @param kvTokens        KV tokens the capped batch needs per rank
 * @param limit           why the point fails, or null when it meets the SLA
 */
public record OperatingPoint(double meanBatch, int maxRunning, double ttftMs, double ttftMeanMs, double itlMs,
                             double itlMeanMs, double tpotMs, double e2eMs, double requestsPerS, double queueWaitMs,
                             double prefillMs, double decodeStepMs, double kvTokens, Limit limit) {
    public boolean feasible() {
        return limit == null;
    }
}
