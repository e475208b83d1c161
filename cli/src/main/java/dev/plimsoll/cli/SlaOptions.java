package dev.plimsoll.cli;

import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.error.UserInputException;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency targets, one vocabulary for every command ({@code plan}, {@code simulate},
 * {@code autoscale replay}): {@code --ttft}, {@code --tpot}, {@code --itl} and {@code --e2e}, each
 * bounding the {@code --percentile} of its metric. The metrics are vLLM bench's: TPOT is one sample
 * per request (its mean gap after the first token), ITL one sample per token (each gap). The
 * names {@code simulate} used before ({@code --ttft-sla}, {@code --itl-sla} / {@code --tpot-sla},
 * which bounded TPOT, and {@code --e2e-sla}) are hidden aliases for one release, with a warning.
 */
public final class SlaOptions {
    /**
     * Percentile of the bounds when none is given. Plimsoll's choice, not an engine default: a tail
     * percentile that a short run of a few dozen requests still estimates (p99 needs hundreds).
     */
    static final int DEFAULT_PERCENTILE = 90;

    @Option(names = "--ttft", paramLabel = "MS",
            description = "Time to first token: from a request's arrival to its first output token.")
    Double ttftMs;

    @Option(names = "--tpot", paramLabel = "MS",
            description = "Time per output token: each request's mean gap after its first token, "
                    + "(E2E - TTFT) / (OSL - 1), one sample per request (vLLM bench --goodput tpot:MS, Dynamo's "
                    + "planner). The usual per-token target.")
    Double tpotMs;

    @Option(names = "--itl", paramLabel = "MS",
            description = "Inter-token latency: each gap between two output tokens, one sample per token (a "
                    + "prompt that interrupts decoding shows in its tail).")
    Double itlMs;

    @Option(names = "--e2e", paramLabel = "MS", description = "End-to-end latency of a request (default: none).")
    Double e2eMs;

    @Option(names = "--percentile", paramLabel = "P",
            description = "Every bound holds for the P-th percentile of its metric: 50, 90 or 99 (default 90).")
    Integer percentile;

    // the names simulate used before this vocabulary, kept for one release
    @Option(names = "--ttft-sla", paramLabel = "MS", hidden = true)
    Double ttftSlaMs;

    @Option(names = "--itl-sla", paramLabel = "MS", hidden = true)
    Double itlSlaMs;

    @Option(names = "--tpot-sla", paramLabel = "MS", hidden = true)
    Double tpotSlaMs;

    @Option(names = "--e2e-sla", paramLabel = "MS", hidden = true)
    Double e2eSlaMs;

    /** Whether any bound was given. */
    public boolean given() {
        return ttft() != null || tpot() != null || itl() != null || e2e() != null;
    }

    /** The bounds as given (infinite where none), checked: positive, finite, a percentile the simulator reports. */
    public SlaTarget target() {
        check("--ttft", ttft());
        check("--tpot", tpot());
        check("--itl", itl());
        check("--e2e", e2e());
        return new SlaTarget(bound(ttft()), bound(tpot()), bound(itl()), bound(e2e()), percentile());
    }

    /** {@link #target()} when a bound was given, else null (a lone --percentile is refused). */
    public SlaTarget optional() {
        if (!given()) {
            if (percentile != null) {
                throw new UserInputException("--percentile applies only with a target: --ttft, --tpot, --itl or "
                        + "--e2e");
            }
            return null;
        }
        return target();
    }

    /**
     * The bounds of a command that sizes a deployment for them ({@code plan}, {@code autoscale
     * replay}): {@code --ttft} and at least one per-token bound are required.
     */
    public SlaTarget required() {
        if (ttft() == null || (tpot() == null && itl() == null)) {
            throw new UserInputException("give the latency targets: --ttft MS and --tpot MS (each request's mean time "
                    + "per output token) or --itl MS (each gap between tokens), or both");
        }
        return target();
    }

    public int percentile() {
        return percentile == null ? DEFAULT_PERCENTILE : percentile;
    }

    /** One line per old option name used, saying what to write instead. */
    public List<String> deprecations() {
        List<String> out = new ArrayList<>();
        if (ttftSlaMs != null) {
            out.add("--ttft-sla is an old name of --ttft and goes in the next release");
        }
        if (itlSlaMs != null) {
            out.add("--itl-sla is an old name of --tpot (each request's mean time per output token) and goes in the "
                    + "next release; --itl now bounds each gap between tokens");
        }
        if (tpotSlaMs != null) {
            out.add("--tpot-sla is an old name of --tpot and goes in the next release");
        }
        if (e2eSlaMs != null) {
            out.add("--e2e-sla is an old name of --e2e and goes in the next release");
        }
        return out;
    }

    /** Prints {@link #deprecations()} to stderr, one "plimsoll: warning:" line each. */
    public void warnOldNames(PrintWriter err) {
        for (String d : deprecations()) {
            err.println("plimsoll: warning: " + d);
        }
        err.flush();
    }

    /** The targets as given, for a JSON echo (empty without targets). */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (given()) {
            m.put("ttft_ms", ttft());
            m.put("tpot_ms", tpot());
            m.put("itl_ms", itl());
            m.put("e2e_ms", e2e());
            m.put("percentile", percentile());
        }
        return m;
    }

    private Double ttft() {
        return either("--ttft", ttftMs, "--ttft-sla", ttftSlaMs);
    }

    private Double tpot() {
        return either("--tpot", either("--tpot", tpotMs, "--itl-sla", itlSlaMs), "--tpot-sla", tpotSlaMs);
    }

    private Double itl() {
        return itlMs;
    }

    private Double e2e() {
        return either("--e2e", e2eMs, "--e2e-sla", e2eSlaMs);
    }

    /** The new name's value, or the old name's; both given is a contradiction unless they agree. */
    private static Double either(String name, Double value, String oldName, Double oldValue) {
        if (value != null && oldValue != null && !value.equals(oldValue)) {
            throw new UserInputException(name + " and " + oldName + " (its old name) disagree: " + show(value)
                    + " and " + show(oldValue) + "; give " + name + " only");
        }
        return value != null ? value : oldValue;
    }

    private static void check(String name, Double ms) {
        if (ms != null && (!(ms > 0) || Double.isInfinite(ms))) {
            throw new UserInputException(name + " must be a positive number of milliseconds, got " + show(ms));
        }
    }

    private static double bound(Double ms) {
        return ms == null ? Double.POSITIVE_INFINITY : ms;
    }

    private static String show(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
