package dev.plimsoll.optimizer.search;

/**
 * The load a proposal is sized for and simulated under.
 *
 * @param requestsPerS open-loop arrival rate (the expected completion rate under a closed loop)
 * @param concurrency  clients of a closed loop, 0 for open-loop arrivals
 */
public record OfferedLoad(double requestsPerS, int concurrency) {
    public boolean closedLoop() {
        return concurrency > 0;
    }

    public OfferedLoad scaled(double factor) {
        return new OfferedLoad(requestsPerS * factor, concurrency);
    }
}
