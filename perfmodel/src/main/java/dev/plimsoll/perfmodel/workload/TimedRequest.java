package dev.plimsoll.perfmodel.workload;

import java.util.Objects;

/**
 * A request and the moment it reaches the serving system.
 *
 * @param arrivalMs milliseconds since the start of the workload
 * @param shape     its sizes
 */
public record TimedRequest(double arrivalMs, RequestShape shape) {
    public TimedRequest {
        Objects.requireNonNull(shape, "shape");
        if (!(arrivalMs >= 0) || Double.isInfinite(arrivalMs)) {
            throw new IllegalArgumentException("arrival time must be finite and >= 0, got " + arrivalMs);
        }
    }
}
