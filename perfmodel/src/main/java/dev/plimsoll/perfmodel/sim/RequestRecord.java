package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One measured request, when {@link SimulationOptions#keepRequests()} asks for them.
 *
 * @param arrivalMs when it was sent (a closed-loop request reaches the engine a request path later)
 * @param tpotMs    NaN for a request of one output token
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RequestRecord(long id, double arrivalMs, int inputTokens, int outputTokens, double ttftMs,
                            double tpotMs, double e2eMs, int preemptions) {
}
