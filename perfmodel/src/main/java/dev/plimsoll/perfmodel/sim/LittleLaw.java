package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Little's law L = lambda W over the whole run, every admitted request counted: the time-average
 * number of requests in the system (integrated from arrivals and departures) against the
 * throughput times the mean time in system. A run that ends empty satisfies it exactly, so a
 * relative error above rounding points at lost or double-counted requests.
 *
 * @param meanInSystem    L, time-average requests in the system over the run
 * @param throughputPerS  lambda, requests finished per second over the run
 * @param meanInSystemMs  W, mean arrival-to-finish time
 * @param relativeError   |L - lambda W| / (lambda W)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LittleLaw(double meanInSystem, double throughputPerS, double meanInSystemMs, double relativeError) {
}
