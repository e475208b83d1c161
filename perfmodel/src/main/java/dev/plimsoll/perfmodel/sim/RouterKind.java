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

    /**
     * Dynamo's default KV overlap score weight: frontend {@code --kv-overlap-score-weight} (release
     * 0.8, components/src/dynamo/frontend/main.py, env DYN_KV_OVERLAP_SCORE_WEIGHT), renamed
     * {@code --router-kv-overlap-score-weight} in 1.0 (Frontend Configuration Reference).
     */
    public static final double DEFAULT_KV_OVERLAP_WEIGHT = 1.0;

    /** Rejects an overlap weight Dynamo would not take (it must be a finite number >= 0). */
    public static void checkOverlapWeight(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new UserInputException("KV overlap score weight must be a number >= 0, got " + weight);
        }
    }

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
     * @param overlapWeight the KV router's weight of prompt blocks against decode blocks
     */
    Router newRouter(long seed, boolean trackPrefill, double overlapWeight) {
        switch (this) {
            case ROUND_ROBIN:
                return new RoundRobinRouter();
            case LEAST_LOADED:
                return new LeastLoadedRouter();
            case KV_AWARE:
                return new KvAwareRouter(overlapWeight, seed, trackPrefill);
            default:
                throw new IllegalStateException("unhandled router " + this);
        }
    }
}
