package dev.plimsoll.autoscaler.replay;

import java.util.List;

/**
 * The outcome of one policy on one trace.
 *
 * @param policy          the policy's id
 * @param deployment      the layout replayed (pools, engines)
 * @param slaAttainment   share of requests meeting both the TTFT and the ITL (TPOT) bound
 * @param gpuHours        GPU-hours held: every worker from its scale-up to the end of its drain
 * @param scalingActions  intervals in which the policy changed a pool's size
 * @param ttftP90Ms       TTFT over every request at the SLA percentile
 * @param itlP90Ms        inter-token latency over every token at the SLA percentile
 * @param tpotP90Ms       per-request time per output token at the SLA percentile
 * @param requests        requests replayed
 * @param unfinished      requests still in flight when the run stopped, or rejected
 * @param simulatedS      simulated seconds
 * @param wallS           wall-clock seconds of the replay (simulation and policy)
 * @param meanDecisionMs  mean wall time of one decision
 * @param maxDecisionMs   longest decision
 * @param peakRatePerS    the trace's peak rate the plan was made for
 * @param intervals       per-interval series
 * @param pools           pool names in order
 */
public record ReplayResult(String policy, String deployment, double slaAttainment, double gpuHours,
                           int scalingActions, double ttftP90Ms, double itlP90Ms, double tpotP90Ms, long requests,
                           long unfinished, double simulatedS, double wallS, double meanDecisionMs,
                           double maxDecisionMs, double peakRatePerS, List<IntervalRow> intervals,
                           List<String> pools) {
}
