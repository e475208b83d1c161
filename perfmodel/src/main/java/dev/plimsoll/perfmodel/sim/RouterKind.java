package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/** Request routing across the workers of a pool. */
public enum RouterKind {
    /** Workers in turn (the default of the Dynamo frontend, --router-mode round_robin). */
    ROUND_ROBIN,
    /** The worker with the fewest requests queued or running; ties in turn. */
    LEAST_LOADED,
    /**
     * KV-prefix aware: NVIDIA Dynamo's KV router cost, {@code overlap_weight x prefill blocks +
     * decode blocks}, the cheapest worker winning ({@link KvAwareRouter}).
     */
    KV_AWARE;

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

    /**
     * A fresh router of this kind.
     *
     * @param seed         seed of its random choices (the KV router's tie-break)
     * @param trackPrefill the pool's workers run prefills (false on a disaggregated decode pool)
     */
    Router newRouter(long seed, boolean trackPrefill) {
        switch (this) {
            case ROUND_ROBIN:
                return new RoundRobinRouter();
            case LEAST_LOADED:
                return new LeastLoadedRouter();
            case KV_AWARE:
                return new KvAwareRouter(KvAwareRouter.DEFAULT_OVERLAP_WEIGHT, seed, trackPrefill);
            default:
                throw new IllegalStateException("unhandled router " + this);
        }
    }
}
