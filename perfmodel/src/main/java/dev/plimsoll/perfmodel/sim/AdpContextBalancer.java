package dev.plimsoll.perfmodel.sim;

/**
 * The state of {@link AttentionDpBalance} in one engine: its two iteration counters, shared by the
 * ranks because every rank takes the same decision from the same all-gathered counts
 * (PyExecutor._balance_adp_requests: adp_ctx_waiting_iters_count, adp_ctx_batching_wait_iters_count).
 */
final class AdpContextBalancer {
    private final AttentionDpBalance config;
    private final int maxBatch;
    private int waitingIters;
    private int batchingIters;

    AdpContextBalancer(AttentionDpBalance config, int maxBatch) {
        this.config = config;
        this.maxBatch = maxBatch;
    }

    /**
     * Whether this step's context requests wait, from each rank's scheduled contexts and
     * generations, updating the counters as the executor does on every iteration, whether or not a
     * context request is scheduled: the waiting count runs up to the timeout and restarts during
     * decode-only stretches too, so a context that arrives waits for the rest of the current count.
     */
    boolean holdsContexts(Rank[] ranks) {
        boolean freeSlots = true;
        boolean allHaveContexts = true;
        boolean allHaveGenerations = true;
        for (Rank rank : ranks) {
            int contexts = 0;
            int generations = 0;
            for (SimRequest r : rank.scheduled) {
                if (r.decoding()) {
                    generations++;
                } else {
                    contexts++;
                }
            }
            freeSlots &= generations < maxBatch;
            allHaveContexts &= contexts > 0;
            allHaveGenerations &= generations > 0;
        }
        if (freeSlots && allHaveContexts) {
            waitingIters = 0;
            if (allHaveGenerations && batchingIters < config.batchingWaitIters()) {
                batchingIters++;
                return true;
            }
            batchingIters = 0;
            return false;
        }
        waitingIters++;
        if (waitingIters >= config.timeoutIters() || !allHaveGenerations) {
            waitingIters = 0;
            return false;
        }
        return true;
    }

    /** Takes a held rank's context requests out of its step; its generation requests still run. */
    static void dropContexts(Rank rank) {
        rank.scheduled.removeIf(r -> {
            if (r.decoding()) {
                return false;
            }
            r.scheduledTokens = 0;
            return true;
        });
    }
}
