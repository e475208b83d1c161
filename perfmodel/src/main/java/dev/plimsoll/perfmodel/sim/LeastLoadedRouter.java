package dev.plimsoll.perfmodel.sim;

/**
 * The worker with the fewest requests queued or running. Ties go to the first tied worker after
 * the previous pick, so that a burst arriving at an evenly loaded pool is spread in turn (the
 * round-robin tie-break of a least-request balancer) instead of piling onto the lowest index.
 */
final class LeastLoadedRouter implements Router {
    private int next;

    @Override
    public Engine choose(SimRequest r, Engine[] workers) {
        int n = workers.length;
        int start = next % n;
        int best = start;
        int bestLoad = Integer.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            int i = (start + k) % n;
            int load = workers[i].outstandingRequests();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        next = best + 1;
        return workers[best];
    }
}
