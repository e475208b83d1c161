package dev.plimsoll.autoscaler.replay;

import java.util.List;
import java.util.Locale;

/**
 * One control interval of a replay: what the policy saw and what it asked for.
 *
 * @param timeS        end of the interval, simulated seconds
 * @param offeredPerS  requests started per second over the interval
 * @param ttftP90Ms    TTFT percentile over the interval as the exporter's histogram gives it
 * @param itlP90Ms     inter-token latency percentile over the interval, likewise
 * @param pools        per pool
 * @param gpusHeld     GPUs held at the end of the interval (starting, ready and draining workers)
 * @param action       whether the policy changed a pool's size here
 * @param reason       the policy's reason
 */
public record IntervalRow(double timeS, double offeredPerS, double ttftP90Ms, double itlP90Ms, List<PoolRow> pools,
                          int gpusHeld, boolean action, String reason) {
    /**
     * @param ready    workers serving
     * @param desired  workers asked for after the decision
     * @param waiting  queued requests
     * @param running  running requests
     * @param kvUsage  mean KV usage of the ready workers
     */
    public record PoolRow(String pool, int ready, int desired, double waiting, double running, double kvUsage) {
    }

    static String csvHeader(List<String> pools) {
        StringBuilder sb = new StringBuilder("time_s,offered_per_s,ttft_p90_ms,itl_p90_ms");
        for (String p : pools) {
            sb.append(',').append(p).append("_ready,").append(p).append("_desired,").append(p).append("_waiting,")
                    .append(p).append("_running,").append(p).append("_kv_usage");
        }
        return sb.append(",gpus_held,action,reason").toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.1f,%.3f,%.1f,%.2f", timeS, offeredPerS,
                ttftP90Ms, itlP90Ms));
        for (PoolRow p : pools) {
            sb.append(String.format(Locale.ROOT, ",%d,%d,%.0f,%.0f,%.4f", p.ready, p.desired, p.waiting, p.running,
                    p.kvUsage));
        }
        sb.append(',').append(gpusHeld).append(',').append(action ? 1 : 0).append(",\"")
                .append(reason.replace("\"", "'")).append('"');
        return sb.toString();
    }
}
