package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.SlaSpec;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency targets: goodput counts the requests that meet every given bound, attainment is their
 * share, and the verdict compares the chosen percentile of each latency with its bound.
 */
public final class SlaOptions {
    /**
     * Percentile of the verdict when none is given. Plimsoll's choice, not an engine default: a tail
     * percentile that a short run of a few dozen requests still estimates (p99 needs hundreds).
     */
    static final double DEFAULT_PERCENTILE = 90.0;

    @Option(names = "--ttft-sla", paramLabel = "MS", order = 60, description = "Time-to-first-token target per request.")
    Double ttftMs;

    @Option(names = {"--itl-sla", "--tpot-sla"}, paramLabel = "MS", order = 61,
            description = "Inter-token latency target: each request's mean time per output token after the first "
                    + "(TPOT), as vLLM bench --goodput tpot:MS.")
    Double itlMs;

    @Option(names = "--e2e-sla", paramLabel = "MS", order = 62, description = "End-to-end latency target per request.")
    Double e2eMs;

    @Option(names = "--percentile", paramLabel = "P", order = 63,
            description = "The SLA holds when the P-th percentile of each targeted latency is within its target "
                    + "(default 90).")
    Double percentile;

    public boolean given() {
        return ttftMs != null || itlMs != null || e2eMs != null;
    }

    public void validate() {
        Checks.positive("--ttft-sla", ttftMs);
        Checks.positive("--itl-sla", itlMs);
        Checks.positive("--e2e-sla", e2eMs);
        if (percentile != null && !(percentile > 0 && percentile <= 100)) {
            throw new UserInputException("--percentile must be in (0, 100], got " + Checks.show(percentile));
        }
        Checks.onlyWith("--percentile", percentile, given(), "with a target: --ttft-sla, --itl-sla or --e2e-sla");
    }

    /** The targets as given, for the JSON echo (empty without targets). */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (given()) {
            m.put("ttft_ms", ttftMs);
            m.put("itl_ms", itlMs);
            m.put("e2e_ms", e2eMs);
            m.put("percentile", percentile());
        }
        return m;
    }

    public SlaSpec spec() {
        return new SlaSpec(bound(ttftMs), bound(itlMs), bound(e2eMs));
    }

    public double percentile() {
        return percentile == null ? DEFAULT_PERCENTILE : percentile;
    }

    private static double bound(Double ms) {
        return ms == null ? Double.POSITIVE_INFINITY : ms;
    }
}
