package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.RequestRecord;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.SlaSpec;

import java.util.Arrays;
import java.util.List;

/**
 * Whether a run meets its targets at a percentile: the P-th percentile of TTFT, of TPOT and of
 * end-to-end latency over the measured requests, each against its bound. Rejected requests (longer
 * than a worker's KV cache) and requests left unfinished by the time limit fail it outright.
 *
 * @param percentile P
 * @param ttftMs     P-th percentile TTFT
 * @param tpotMs     P-th percentile TPOT (requests with more than one output token)
 * @param e2eMs      P-th percentile end-to-end latency
 * @param met        every targeted percentile within its bound and no request lost
 */
public record SlaVerdict(double percentile, double ttftMs, double tpotMs, double e2eMs, boolean met) {

    public static SlaVerdict of(SimulationResult result, SlaSpec sla, double percentile) {
        List<RequestRecord> records = result.requestRecords();
        double ttft = percentile(records.stream().mapToDouble(RequestRecord::ttftMs).toArray(), percentile);
        double tpot = percentile(records.stream().mapToDouble(RequestRecord::tpotMs).filter(v -> !Double.isNaN(v))
                .toArray(), percentile);
        double e2e = percentile(records.stream().mapToDouble(RequestRecord::e2eMs).toArray(), percentile);
        boolean lost = result.rejectedRequests() > 0 || result.unfinishedRequests() > 0;
        boolean met = !lost && !records.isEmpty() && within(ttft, sla.ttftMs()) && within(tpot, sla.tpotMs())
                && within(e2e, sla.e2eMs());
        return new SlaVerdict(percentile, ttft, tpot, e2e, met);
    }

    private static boolean within(double value, double bound) {
        return Double.isInfinite(bound) || Double.isNaN(value) || value <= bound;
    }

    /**
     * Linear interpolation between the closest ranks (numpy.percentile's default), the method of
     * the simulator's own p50/p90/p99, so --percentile 90 reproduces its p90.
     */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
