package dev.plimsoll.gui.service;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.List;
import java.util.Locale;

/**
 * The plan view's inputs as plain values: what {@code plimsoll plan} takes as options.
 *
 * @param model       model id or the path of a Hugging Face config.json (or its directory)
 * @param gpus        candidate GPU ids
 * @param engine      serving engine: vllm, sglang or trtllm
 * @param quant       weight quantisation preset, or "default" for the checkpoint's own
 * @param isl         input tokens per request
 * @param osl         output tokens per request
 * @param prefixTokens prompt prefix every request shares, served from the prefix cache
 * @param loadKind    what {@code loadValue} means
 * @param loadValue   requests per second, GPUs or concurrent requests
 * @param ttftMs      time-to-first-token bound
 * @param tpotMs      time-per-output-token bound: each request's mean gap after its first token
 *                    ({@code plan --tpot}, the usual per-token target); infinite for none
 * @param itlMs       inter-token latency bound: each gap between tokens ({@code plan --itl});
 *                    infinite for none
 * @param percentile  50, 90 or 99
 * @param mode        agg, disagg or both
 * @param simulate    confirm with the simulator (the CLI's default) or analytic only
 * @param trace       Azure CSV or Mooncake JSONL trace whose ISL/OSL distributions replace the
 *                    fixed {@code isl} and {@code osl}; empty for none
 */
public record PlanInputs(String model, List<String> gpus, String engine, String quant, int isl, int osl,
                         int prefixTokens, LoadKind loadKind, double loadValue, double ttftMs, double tpotMs,
                         double itlMs, int percentile, String mode, boolean simulate, String trace) {
    /** TTFT and an ITL bound only, as the explorer planned before its TPOT target. */
    public PlanInputs(String model, List<String> gpus, String engine, String quant, int isl, int osl, int prefixTokens,
                      LoadKind loadKind, double loadValue, double ttftMs, double itlMs, int percentile, String mode,
                      boolean simulate, String trace) {
        this(model, gpus, engine, quant, isl, osl, prefixTokens, loadKind, loadValue, ttftMs, Double.POSITIVE_INFINITY,
                itlMs, percentile, mode, simulate, trace);
    }

    /** The quantisation choice that keeps the checkpoint's own. */
    public static final String DEFAULT_QUANT = "default";

    public PlanInputs {
        gpus = List.copyOf(gpus);
        trace = trace == null ? "" : trace.trim();
        if (model == null || model.isBlank()) {
            throw new UserInputException("choose a model: a model id or a config.json");
        }
        if (gpus.isEmpty()) {
            throw new UserInputException("choose at least one GPU type");
        }
        if (isl < 1 || osl < 1) {
            throw new UserInputException("ISL and OSL must be >= 1 token, got ISL " + isl + ", OSL " + osl);
        }
        if (!Double.isFinite(tpotMs) && !Double.isFinite(itlMs)) {
            throw new UserInputException("give a per-token target: TPOT (each request's mean time per output token), "
                    + "ITL (each gap between tokens), or both");
        }
        if (prefixTokens < 0 || prefixTokens >= isl) {
            throw new UserInputException("the shared prefix must be >= 0 and shorter than ISL " + isl + ", got "
                    + prefixTokens);
        }
    }

    /**
     * The README's reference question: Qwen3-32B in FP8 on 32 H200, 4000 input and 500 output tokens
     * of which 500 a shared prefix, TTFT 300 ms and ITL 10 ms at p90.
     */
    public static PlanInputs reference() {
        return new PlanInputs("qwen3-32b", List.of("h200-sxm"), "vllm", "fp8", 4000, 500, 500, LoadKind.TOTAL_GPUS, 32,
                300, 10, 90, "both", true, "");
    }

    /** The load a plan carries. */
    public enum LoadKind {
        RATE("requests/s"), TOTAL_GPUS("GPUs"), CONCURRENCY("concurrent requests");

        private final String label;

        LoadKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static LoadKind of(String s) {
            for (LoadKind k : values()) {
                if (k.name().equalsIgnoreCase(s) || k.label.equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new UserInputException("load must be one of rate, total_gpus, concurrency, got '" + s + "'");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Whether request sizes come from a trace file rather than the fixed ISL and OSL. */
    public boolean fromTrace() {
        return !trace.isEmpty();
    }

    /** A short description for titles and logs. */
    public String describe() {
        if (fromTrace()) {
            return String.format(Locale.ROOT, "%s %s on %s, sizes from %s, %s %s, %s", model, quant,
                    String.join(",", gpus), trace, fmt(loadValue), loadKind.label(), targets());
        }
        return String.format(Locale.ROOT, "%s %s on %s, ISL %d, OSL %d, prefix %d, %s %s, %s", model, quant,
                String.join(",", gpus), isl, osl, prefixTokens, fmt(loadValue), loadKind.label(), targets());
    }

    /** "TTFT p90 <= 300 ms, TPOT p90 <= 40.0 ms": the bounds given, each named by its metric. */
    public String targets() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "TTFT p%d <= %.0f ms", percentile, ttftMs));
        if (Double.isFinite(tpotMs)) {
            sb.append(String.format(Locale.ROOT, ", TPOT p%d <= %.1f ms", percentile, tpotMs));
        }
        if (Double.isFinite(itlMs)) {
            sb.append(String.format(Locale.ROOT, ", ITL p%d <= %.1f ms", percentile, itlMs));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
