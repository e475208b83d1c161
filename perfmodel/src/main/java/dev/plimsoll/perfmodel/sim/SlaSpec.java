package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * Per-request latency targets. A request meets the SLA when each of its latencies is within its
 * bound; an infinite bound is no bound. Goodput counts the requests that meet it.
 *
 * @param ttftMs time to first token
 * @param tpotMs mean time per output token after the first (requests of one output token have none)
 * @param e2eMs  end-to-end latency
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SlaSpec(double ttftMs, double tpotMs, double e2eMs) {
    public static final SlaSpec NONE = new SlaSpec(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY);

    public SlaSpec {
        if (!(ttftMs > 0) || !(tpotMs > 0) || !(e2eMs > 0)) {
            throw new UserInputException("SLA bounds must be positive milliseconds, got ttft=" + ttftMs + " tpot="
                    + tpotMs + " e2e=" + e2eMs);
        }
    }

    public static SlaSpec of(double ttftMs, double tpotMs) {
        return new SlaSpec(ttftMs, tpotMs, Double.POSITIVE_INFINITY);
    }

    public boolean met(double ttft, double tpot, double e2e) {
        return ttft <= ttftMs && (Double.isNaN(tpot) || tpot <= tpotMs) && e2e <= e2eMs;
    }
}
