package dev.plimsoll.cli.simulate;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run meets its targets: the targets' percentile of TTFT, TPOT, ITL and end-to-end
 * latency over the measured requests (the simulator's own p50 / p90 / p99, the figures the
 * latency table prints), each against its bound, as {@code plan} confirms a deployment. Rejected
 * requests (longer than a worker's KV cache) and requests left unfinished by the time limit fail
 * it outright.
 *
 * @param target  the bounds and their percentile
 * @param ttftMs  TTFT at the percentile
 * @param tpotMs  TPOT at the percentile (requests with more than one output token)
 * @param itlMs   ITL at the percentile (every gap between output tokens)
 * @param e2eMs   end-to-end latency at the percentile
 * @param lost    requests rejected or unfinished
 * @param met     every bounded percentile within its bound, requests measured and none lost
 */
public record SlaVerdict(SlaTarget target, double ttftMs, double tpotMs, double itlMs, double e2eMs, long lost,
                         boolean met) {

    public static SlaVerdict of(SimulationResult result, SlaTarget target) {
        double ttft = target.pick(result.ttft());
        double tpot = target.pick(result.tpot());
        double itl = target.pick(result.itl());
        double e2e = target.pick(result.e2e());
        long lost = result.rejectedRequests() + result.unfinishedRequests();
        boolean measured = result.measuredRequests() > 0;
        boolean met = lost == 0 && measured && target.met(ttft, tpot, itl, e2e);
        return new SlaVerdict(target, ttft, tpot, itl, e2e, lost, met);
    }

    public int percentile() {
        return target.percentile();
    }

    /** The bounded metrics, each as "TTFT 233.4 ms <= 1000", in the order TTFT, TPOT, ITL, E2E. */
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        add(out, "TTFT", ttftMs, target.ttftMs());
        add(out, "TPOT", tpotMs, target.tpotMs());
        add(out, "ITL", itlMs, target.itlMs());
        add(out, "E2E", e2eMs, target.e2eMs());
        return out;
    }

    private static void add(List<Check> out, String metric, double value, double bound) {
        if (Double.isFinite(bound)) {
            out.add(new Check(metric, value, bound, Double.isNaN(value) || value <= bound));
        }
    }

    /**
     * One bounded metric.
     *
     * @param metric  TTFT, TPOT, ITL or E2E
     * @param valueMs its value at the percentile (NaN when nothing was measured)
     * @param boundMs its bound
     * @param within  the value is within the bound
     */
    public record Check(String metric, double valueMs, double boundMs, boolean within) {
    }
}
