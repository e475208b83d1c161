package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.plimsoll.perfmodel.sim.kvtier.KvTierStats;

import java.util.List;

/**
 * What a simulation measured. Latencies and throughputs cover the measured requests (all of an
 * open-loop run; a closed-loop run leaves out its warm-up and cool-down), over the window from
 * the first measured arrival to the last measured finish. Times in milliseconds, rates per second.
 *
 * @param deployment          aggregated, or xPyD for a disaggregated fleet
 * @param workload            description of the workload
 * @param requests            requests that arrived
 * @param finishedRequests    requests that produced all their tokens
 * @param measuredRequests    finished requests in the statistics
 * @param rejectedRequests    requests longer than a worker's KV cache, refused on arrival
 * @param unfinishedRequests  requests still in flight when the time limit stopped the run
 * @param windowMs            measurement window
 * @param simulatedMs         clock at the end of the run
 * @param ttft                time to first token
 * @param itl                 inter-token latency, one sample per output token after the first
 * @param tpot                per request: (end-to-end - TTFT) / (output tokens - 1)
 * @param e2e                 arrival to last token
 * @param requestsPerS        measured requests finished per second of the window
 * @param outputTokensPerS    their output tokens per second
 * @param inputTokensPerS     their prompt tokens per second
 * @param goodputPerS         measured requests meeting the SLA per second
 * @param slaAttainment       share of measured requests meeting the SLA
 * @param prefixHitRate       prompt tokens served from the prefix cache / prompt tokens looked up
 * @param preemptions         preemptions (recomputations), all workers
 * @param meanTokensPerStep   tokens a request gets per decode step (above 1 with speculation)
 * @param kvTransfer          disaggregated: KV transfer time per request (empty otherwise)
 * @param decodeQueue         disaggregated: wait from prefill end to the start of the KV transfer
 * @param pools               per pool: utilisation, KV usage, queue
 * @param littleLaw           L = lambda W check over the whole run
 * @param timeSeries          per-interval state of each pool
 * @param requestRecords      per-request records when asked for, else empty
 * @param kvTiers             with KV tiers below GPU memory: per tier (gpu first) its hit rate, the bytes
 *                            read from it and written to it; else empty
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulationResult(String deployment, String workload, long requests, long finishedRequests,
                               long measuredRequests, long rejectedRequests, long unfinishedRequests, double windowMs,
                               double simulatedMs, LatencyStats ttft, LatencyStats itl, LatencyStats tpot,
                               LatencyStats e2e, double requestsPerS, double outputTokensPerS, double inputTokensPerS,
                               double goodputPerS, double slaAttainment, double prefixHitRate, long preemptions,
                               double meanTokensPerStep, LatencyStats kvTransfer, LatencyStats decodeQueue,
                               List<PoolStats> pools, LittleLaw littleLaw, List<TimeSeriesSample> timeSeries,
                               List<RequestRecord> requestRecords, List<KvTierStats> kvTiers) {
}
