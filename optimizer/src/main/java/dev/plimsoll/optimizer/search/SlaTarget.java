package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.LatencyStats;
import dev.plimsoll.perfmodel.sim.SlaSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency targets at one percentile. A plan proposes only deployments whose simulated percentile
 * of every bounded latency is within its bound (strict semantics). An infinite bound is no bound.
 *
 * <p>The two per-token latencies are the ones vLLM's benchmark reports: TPOT is each request's
 * mean time per output token after the first ({@code (e2e - ttft) / (osl - 1)}, one sample per
 * request, what {@code vllm bench serve --goodput tpot:MS} and Dynamo's planner bound); ITL is
 * the gap between consecutive tokens (one sample per token, so a prompt that interrupts decoding
 * shows in its tail).
 *
 * @param ttftMs     time to first token
 * @param tpotMs     time per output token of a request (its mean gap)
 * @param itlMs      inter-token latency (each gap between output tokens)
 * @param e2eMs      end-to-end latency
 * @param percentile 50, 90 or 99: the percentiles the simulator reports
 */
public record SlaTarget(double ttftMs, double tpotMs, double itlMs, double e2eMs, int percentile) {
    public SlaTarget {
        if (!(ttftMs > 0) || !(tpotMs > 0) || !(itlMs > 0) || !(e2eMs > 0)) {
            throw new UserInputException("SLA bounds must be positive milliseconds, got --ttft " + ttftMs
                    + (Double.isInfinite(tpotMs) ? "" : " --tpot " + tpotMs)
                    + (Double.isInfinite(itlMs) ? "" : " --itl " + itlMs)
                    + (Double.isInfinite(e2eMs) ? "" : " --e2e " + e2eMs));
        }
        if (percentile != 50 && percentile != 90 && percentile != 99) {
            throw new UserInputException("--percentile must be 50, 90 or 99 (the percentiles the simulator reports),"
                    + " got " + percentile);
        }
    }

    /** TTFT and ITL bounds without a TPOT bound. */
    public SlaTarget(double ttftMs, double itlMs, double e2eMs, int percentile) {
        this(ttftMs, Double.POSITIVE_INFINITY, itlMs, e2eMs, percentile);
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
        return new SlaTarget(ttftMs * ANALYTIC_HEADROOM, tpotMs * ANALYTIC_HEADROOM, itlMs * ANALYTIC_HEADROOM,
                e2eMs * ANALYTIC_HEADROOM, percentile);
    }

    /** TTFT and ITL at p90. */
    public static SlaTarget of(double ttftMs, double itlMs) {
        return new SlaTarget(ttftMs, itlMs, Double.POSITIVE_INFINITY, 90);
    }

    /** TTFT and TPOT at p90. */
    public static SlaTarget ofTpot(double ttftMs, double tpotMs) {
        return new SlaTarget(ttftMs, tpotMs, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 90);
    }

    /** The tighter of the two per-token bounds: what one decode step must stay under. */
    public double tokenMs() {
        return Math.min(tpotMs, itlMs);
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

    /** Whether latencies at the percentile meet every bound; a NaN per-token figure (no such token) passes. */
    public boolean met(double ttft, double tpot, double itl, double e2e) {
        return ttft <= ttftMs && (Double.isNaN(tpot) || tpot <= tpotMs) && (Double.isNaN(itl) || itl <= itlMs)
                && e2e <= e2eMs;
    }

    /**
     * Per-request goodput bounds for the simulator, as vLLM bench counts goodput: TTFT, TPOT and
     * end-to-end latency. ITL has no per-request form (it is a sample per token); a request whose
     * mean gap is above the ITL bound has gaps above it, so the request's TPOT is held to the
     * tighter of the two per-token bounds ({@link #tokenMs()}).
     */
    public SlaSpec toSlaSpec() {
        return new SlaSpec(ttftMs, tokenMs(), e2eMs);
    }

    /** "TTFT p90 <= 1000 ms, TPOT p90 <= 40 ms": every finite bound, named by its metric. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(bound("TTFT", ttftMs));
        if (Double.isFinite(tpotMs)) {
            parts.add(bound("TPOT", tpotMs));
        }
        if (Double.isFinite(itlMs)) {
            parts.add(bound("ITL", itlMs));
        }
        if (Double.isFinite(e2eMs)) {
            parts.add(bound("E2E", e2eMs));
        }
        return String.join(", ", parts);
    }

    private String bound(String metric, double ms) {
        return String.format(Locale.ROOT, "%s p%d <= %s ms", metric, percentile, fmt(ms));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
