package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * How a simulation is run, as opposed to what is simulated.
 *
 * @param seed                 seed of every random choice (speculative acceptance); equal seeds give
 *                             equal results
 * @param timeSeriesIntervalMs sampling interval of the queue / KV / utilisation series; 0 for none
 * @param maxSimulatedMs       stop the clock here; requests still in flight are reported unfinished
 * @param keepRequests         return one record per measured request
 * @param measureFromMs        open-loop requests arriving before this time are simulated but left out
 *                             of the statistics (the warm-up from an empty fleet)
 * @param measureToMs          open-loop requests arriving after this time are simulated but left out of
 *                             the statistics (the drain once arrivals stop)
 */
public record SimulationOptions(long seed, double timeSeriesIntervalMs, double maxSimulatedMs, boolean keepRequests,
                                double measureFromMs, double measureToMs) {
    /** One-second time series, no time limit, no per-request records. */
    public static final SimulationOptions DEFAULT = new SimulationOptions(1L, 1000.0, Double.POSITIVE_INFINITY, false);

    public SimulationOptions {
        if (!(timeSeriesIntervalMs >= 0) || Double.isInfinite(timeSeriesIntervalMs)) {
            throw new UserInputException("time-series interval must be >= 0 ms, got " + timeSeriesIntervalMs);
        }
        if (!(maxSimulatedMs > 0)) {
            throw new UserInputException("simulated time limit must be > 0 ms, got " + maxSimulatedMs);
        }
        if (!(measureFromMs >= 0) || !(measureToMs > measureFromMs)) {
            throw new UserInputException("measurement window must satisfy 0 <= from < to, got from " + measureFromMs
                    + " ms to " + measureToMs + " ms");
        }
    }

    /** Every request measured. */
    public SimulationOptions(long seed, double timeSeriesIntervalMs, double maxSimulatedMs, boolean keepRequests) {
        this(seed, timeSeriesIntervalMs, maxSimulatedMs, keepRequests, 0.0, Double.POSITIVE_INFINITY);
    }

    /** Measures only open-loop requests arriving in [{@code fromMs}, {@code toMs}]. */
    public SimulationOptions withMeasurementWindow(double fromMs, double toMs) {
        return new SimulationOptions(seed, timeSeriesIntervalMs, maxSimulatedMs, keepRequests, fromMs, toMs);
    }

    public SimulationOptions withSeed(long newSeed) {
        return new SimulationOptions(newSeed, timeSeriesIntervalMs, maxSimulatedMs, keepRequests, measureFromMs,
                measureToMs);
    }

    public SimulationOptions withTimeSeriesIntervalMs(double intervalMs) {
        return new SimulationOptions(seed, intervalMs, maxSimulatedMs, keepRequests, measureFromMs, measureToMs);
    }

    public SimulationOptions withMaxSimulatedMs(double limitMs) {
        return new SimulationOptions(seed, timeSeriesIntervalMs, limitMs, keepRequests, measureFromMs, measureToMs);
    }

    public SimulationOptions withKeepRequests(boolean keep) {
        return new SimulationOptions(seed, timeSeriesIntervalMs, maxSimulatedMs, keep, measureFromMs, measureToMs);
    }
}
