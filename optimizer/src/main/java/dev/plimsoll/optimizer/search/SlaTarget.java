package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.LatencyStats;
import dev.plimsoll.perfmodel.sim.SlaSpec;

import java.util.Locale;

/**
 * Latency targets at one percentile. A plan proposes only deployments whose simulated percentile
 * of every bounded latency is within its bound (strict semantics).
 *
 * @param ttftMs     time to first token
 * @param itlMs      inter-token latency (each output token after the first)
 * @param e2eMs      end-to-end latency; infinite for no bound
 * @param percentile 50, 90 or 99: the percentiles the simulator reports
 */
public record SlaTarget(double ttftMs, double itlMs, double e2eMs, int percentile) {
    public SlaTarget {
        if (!(ttftMs > 0) || !(itlMs > 0) || !(e2eMs > 0)) {
            throw new UserInputException("SLA bounds must be positive milliseconds, got --ttft " + ttftMs + " --itl "
                    + itlMs + (Double.isInfinite(e2eMs) ? "" : " --e2e " + e2eMs));
        }
        if (percentile != 50 && percentile != 90 && percentile != 99) {
            throw new UserInputException("--percentile must be 50, 90 or 99 (the percentiles the simulator reports),"
                    + " got " + percentile);
        }
    }

    /**
     * Share of each bound the analytic model may use. Its queueing and batch-spread approximations
     * are not exact, and a point it places on the bound fails the simulator about half the time;
     * keeping 5 % back makes the first simulated candidate usually the one proposed. The simulator
     * checks the full bound.
     */
    public static final double ANALYTIC_HEADROOM = 0.95;

    /** The bounds the analytic model prunes with: {@link #ANALYTIC_HEADROOM} of each. */
    public SlaTarget forAnalyticModel() {
        return new SlaTarget(ttftMs * ANALYTIC_HEADROOM, itlMs * ANALYTIC_HEADROOM,
                Double.isInfinite(e2eMs) ? e2eMs : e2eMs * ANALYTIC_HEADROOM, percentile);
    }

    public static SlaTarget of(double ttftMs, double itlMs) {
        return new SlaTarget(ttftMs, itlMs, Double.POSITIVE_INFINITY, 90);
    }

    /** The percentile as a probability (0.9 for p90). */
    public double quantile() {
        return percentile / 100.0;
    }

    /** The simulator's value of this SLA's percentile. */
    public double pick(LatencyStats stats) {
        switch (percentile) {
            case 50:
                return stats.p50Ms();
            case 90:
                return stats.p90Ms();
            default:
                return stats.p99Ms();
        }
    }

    public boolean met(double ttft, double itl, double e2e) {
        return ttft <= ttftMs && itl <= itlMs && e2e <= e2eMs;
    }

    /** Per-request goodput bounds for the simulator (mean TPOT stands in for ITL there). */
    public SlaSpec toSlaSpec() {
        return new SlaSpec(ttftMs, itlMs, e2eMs);
    }

    public String describe() {
        String s = String.format(Locale.ROOT, "TTFT p%d <= %s ms, ITL p%d <= %s ms", percentile, fmt(ttftMs),
                percentile, fmt(itlMs));
        return Double.isInfinite(e2eMs) ? s : s + String.format(Locale.ROOT, ", E2E p%d <= %s ms", percentile, fmt(e2eMs));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
