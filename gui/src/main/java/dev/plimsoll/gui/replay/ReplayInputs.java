package dev.plimsoll.gui.replay;

import dev.plimsoll.autoscaler.replay.ReplayRunner;
import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.List;
import java.util.Locale;

/**
 * The replay view's inputs as plain values: what {@code plimsoll autoscale replay} takes as options.
 *
 * @param trace       Azure CSV or Mooncake JSONL trace
 * @param rateScale   multiplies the trace's request rate
 * @param durationS   seconds of the trace to replay, in trace time (before the rate scale); 0 for all of it
 * @param model       model id or Hugging Face config.json
 * @param gpu         GPU id
 * @param mode        agg or disagg
 * @param ttftMs      time-to-first-token bound
 * @param itlMs       inter-token latency bound
 * @param percentile  50, 90 or 99
 * @param startupS    seconds from a scale-up to the new worker serving
 * @param intervalS   control interval of the policies
 * @param policies    the policies to compare, in order
 */
public record ReplayInputs(String trace, double rateScale, double durationS, String model, String gpu, String mode,
                           double ttftMs, double itlMs, int percentile, double startupS, double intervalS,
                           List<String> policies) {
    /** The policies compared when the user picks none: Plimsoll, two baselines and the bound. */
    public static final List<String> DEFAULT_POLICIES = List.of("plimsoll", "dynamo", "hpa", "oracle");

    public ReplayInputs {
        policies = List.copyOf(policies);
        if (trace == null || trace.isBlank()) {
            throw new UserInputException("choose a trace file (Azure CSV or Mooncake JSONL)");
        }
        if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
            throw new UserInputException("rate scale must be > 0, got " + rateScale);
        }
        if (!(durationS >= 0) || Double.isInfinite(durationS)) {
            throw new UserInputException("duration must be >= 0 s (0 for the whole trace), got " + durationS);
        }
        if (model == null || model.isBlank()) {
            throw new UserInputException("choose a model: a model id or a config.json");
        }
        if (gpu == null || gpu.isBlank()) {
            throw new UserInputException("choose a GPU type");
        }
        if (!mode.equals("agg") && !mode.equals("disagg")) {
            throw new UserInputException("mode must be agg or disagg for a replay, got " + mode);
        }
        if (percentile != 50 && percentile != 90 && percentile != 99) {
            throw new UserInputException("percentile must be 50, 90 or 99, got " + percentile);
        }
        if (policies.isEmpty()) {
            throw new UserInputException("choose at least one policy");
        }
        for (String p : policies) {
            if (!ReplayRunner.POLICIES.contains(p)) {
                throw new UserInputException("unknown policy '" + p + "'; expected one of "
                        + String.join(", ", ReplayRunner.POLICIES));
            }
        }
    }

    /**
     * The README's replay example ({@code --model llama-3.1-70b --gpu h100-sxm --ttft 1000 --itl 50}, p90,
     * start-up 60 s and interval 15 s, the CLI's defaults), lighter: the trace's first 30 minutes at three
     * times their rate, ten minutes of replay (the Azure conversation trace: about 9,000 requests).
     */
    public static ReplayInputs reference(String trace) {
        return new ReplayInputs(trace, 3, 1800, "llama-3.1-70b", "h100-sxm", "agg", 1000, 50, 90, 60, 15,
                DEFAULT_POLICIES);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s x%s%s, %s %s on %s, TTFT p%d <= %.0f ms, ITL p%d <= %.1f ms",
                trace, fmt(rateScale), durationS > 0 ? ", first " + fmt(durationS) + " s" : "", model, mode, gpu,
                percentile, ttftMs, percentile, itlMs);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
