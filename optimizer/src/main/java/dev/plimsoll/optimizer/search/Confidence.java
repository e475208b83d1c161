package dev.plimsoll.optimizer.search;

import java.util.Locale;

/**
 * How sure the confirming simulations are: the interval of each bounded latency percentile (see
 * {@link PercentileInterval}).
 *
 * @param ttft  TTFT at the SLA percentile
 * @param itl   ITL at the SLA percentile
 * @param e2e   end-to-end latency at the SLA percentile
 * @param runs  independent runs (seeds) simulated
 * @param level two-sided confidence level
 */
public record Confidence(PercentileInterval ttft, PercentileInterval itl, PercentileInterval e2e, int runs,
                         double level) {
    /** "95% CI" and the like. */
    public String levelLabel() {
        return String.format(Locale.ROOT, "%.0f%% CI", level * 100);
    }
}
