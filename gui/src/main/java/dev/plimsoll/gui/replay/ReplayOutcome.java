package dev.plimsoll.gui.replay;

import dev.plimsoll.autoscaler.replay.ReplayResult;

import java.util.List;

/**
 * One replay of a trace under several policies.
 *
 * @param trace         the trace as read (format and file)
 * @param requests      requests replayed
 * @param deployment    the layout planned for the trace's peak
 * @param peakRatePerS  the trace's busiest minute
 * @param sla           the SLA, described
 * @param percentile    the SLA's percentile (50, 90 or 99), at which TTFT and ITL are reported
 * @param results       one per policy, in the order asked
 */
public record ReplayOutcome(String trace, int requests, String deployment, double peakRatePerS, String sla,
                            int percentile, List<ReplayResult> results) {
    public ReplayOutcome {
        results = List.copyOf(results);
    }
}
