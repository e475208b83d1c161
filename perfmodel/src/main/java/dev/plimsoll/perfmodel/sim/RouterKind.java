package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** Request routing across the workers of a pool. */
public enum RouterKind {
    /** Workers in turn (the default of the Dynamo frontend, --router-mode round_robin). */
    ROUND_ROBIN,
    /** The worker with the fewest requests queued or running; ties to the lowest index. */
    LEAST_LOADED,
    /**
     * KV-prefix aware (NVIDIA Dynamo KV router, "Routing Concepts: cost calculation"): the cost of a
     * worker is {@code overlap_weight x prefill blocks + decode blocks}, where prefill blocks are the
     * prompt tokens it would still have to compute (the prompts of its requests that have not yet
     * produced a first token, plus this request's prompt minus the prefix it already caches) and
     * decode blocks the KV blocks its requests hold;
     * the cheapest worker wins, ties to the lowest index. Overlap weight 1.0, Dynamo's default
     * --kv-overlap-score-weight.
     */
    KV_AWARE;

    /** Dynamo --kv-overlap-score-weight default. */
    static final double OVERLAP_WEIGHT = 1.0;

    public static RouterKind of(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "round_robin":
                return ROUND_ROBIN;
            case "least_loaded":
                return LEAST_LOADED;
            case "kv_aware":
            case "kv":
            case "prefix":
                return KV_AWARE;
            default:
                throw new UserInputException("unknown router '" + name + "'; expected round-robin, least-loaded or"
                        + " kv-aware");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    Router newRouter() {
        switch (this) {
            case ROUND_ROBIN:
                return new Router() {
                    private int next;

                    @Override
                    public Engine choose(SimRequest r, Engine[] workers) {
                        // the modulo also covers an elastic pool that shrank since the last pick
                        int i = next % workers.length;
                        Engine e = workers[i];
                        next = (i + 1) % workers.length;
                        return e;
                    }
                };
            case LEAST_LOADED:
                return (r, workers) -> {
                    Engine best = workers[0];
                    int bestLoad = best.outstandingRequests();
                    for (int i = 1; i < workers.length; i++) {
                        int load = workers[i].outstandingRequests();
                        if (load < bestLoad) {
                            best = workers[i];
                            bestLoad = load;
                        }
                    }
                    return best;
                };
            case KV_AWARE:
                return (r, workers) -> {
                    Engine best = null;
                    double bestCost = Double.POSITIVE_INFINITY;
                    for (Engine e : workers) {
                        int blockTokens = e.config.blockTokens();
                        double prefillTokens = e.promptLoadTokens() + r.inputTokens - e.cachedPrefixTokens(r);
                        double cost = OVERLAP_WEIGHT * prefillTokens / blockTokens + e.activeBlocks();
                        if (cost < bestCost) {
                            best = e;
                            bestCost = cost;
                        }
                    }
                    return best;
                };
            default:
                throw new IllegalStateException("unhandled router " + this);
        }
    }
}
