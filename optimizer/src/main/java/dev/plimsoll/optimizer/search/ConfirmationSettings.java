package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * How the simulator confirms a proposal.
 *
 * @param requestPath    send the simulated requests along the request path {@code validate} counts
 *                       inside TTFT (tokenisation and the HTTP hop,
 *                       {@link dev.plimsoll.perfmodel.validate.BenchmarkClient#PATH}); off, they reach
 *                       the engine the moment they arrive
 * @param batchesPerRun  batches each confirming run is cut into after its warm-up (at least 2): the
 *                       spread of their percentiles gives the interval
 * @param minRuns        independent runs (seeds) before the interval is judged: with two, a run that
 *                       happens to be calm cannot confirm alone
 * @param maxRuns        independent runs at most, while an interval still straddles its bound
 * @param confidence     two-sided confidence level of the interval (0.95: a 97.5 % upper bound)
 * @param routers        the routers a proposal is confirmed behind, the search keeping the best
 *                       (round robin alone unless the workload shares prefixes in groups,
 *                       {@link Routing#searched})
 */
public record ConfirmationSettings(boolean requestPath, int batchesPerRun, int minRuns, int maxRuns,
                                   double confidence, java.util.List<Routing> routers) {
    /**
     * Request path on; 3 batches per run (each at least a request lifetime long); 2 to 5 runs; 95 %
     * intervals. Two runs at least because a run can stay calm throughout where the next builds a
     * queue (README reference question: 60 % of runs near its first candidate's rate stay calm).
     */
    public static final ConfirmationSettings DEFAULT = new ConfirmationSettings(true, 3, 2, 5, 0.95);

    /** Behind round robin only. */
    public ConfirmationSettings(boolean requestPath, int batchesPerRun, int minRuns, int maxRuns, double confidence) {
        this(requestPath, batchesPerRun, minRuns, maxRuns, confidence, java.util.List.of(Routing.ROUND_ROBIN));
    }

    public ConfirmationSettings {
        routers = java.util.List.copyOf(routers);
        if (routers.isEmpty()) {
            throw new UserInputException("confirmation needs at least one router to simulate behind");
        }
        if (batchesPerRun < 2 || minRuns < 1 || maxRuns < minRuns) {
            throw new UserInputException("confirmation needs >= 2 batches per run and 1 <= minimum <= maximum runs,"
                    + " got " + batchesPerRun + ", " + minRuns + " and " + maxRuns);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new UserInputException("confidence level must be in (0.5, 1), got " + confidence);
        }
    }

    public ConfirmationSettings withRequestPath(boolean on) {
        return new ConfirmationSettings(on, batchesPerRun, minRuns, maxRuns, confidence, routers);
    }

    public ConfirmationSettings withRouters(java.util.List<Routing> choices) {
        return new ConfirmationSettings(requestPath, batchesPerRun, minRuns, maxRuns, confidence, choices);
    }
}
