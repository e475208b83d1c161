package dev.plimsoll.autoscaler.policy;

/**
 * Offered load: requests started per second (the front end's started counter, not completions,
 * so demand a saturated fleet cannot finish is still seen) and their mean sizes.
 */
public record Load(double requestsPerS, double meanInputTokens, double meanOutputTokens) {
    public boolean finite() {
        return Double.isFinite(requestsPerS) && requestsPerS >= 0 && Double.isFinite(meanInputTokens)
                && meanInputTokens > 0 && Double.isFinite(meanOutputTokens) && meanOutputTokens > 0;
    }

    public Load withRate(double ratePerS) {
        return new Load(ratePerS, meanInputTokens, meanOutputTokens);
    }
}
