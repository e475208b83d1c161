package dev.plimsoll.perfmodel.sim;

import java.util.SplittableRandom;

/**
 * NVIDIA Dynamo's KV router (lib/llm/src/kv_router/scheduler.rs, DefaultWorkerSelector; docs
 * "Router Design: cost function"): each worker's logit is
 * {@code overlap_weight x prefill_blocks + decode_blocks}, the lowest wins, ties broken at random.
 * <ul>
 *   <li>prefill blocks: the prompt tokens the worker still has to compute, over the block size:
 *       for every request routed there that has not produced its first token, its prompt minus the
 *       prefix the worker cached when it was routed ({@code ActiveSequences.new_tokens(isl,
 *       overlap)}), plus this request's prompt minus the prefix the worker caches now, a block
 *       in GPU memory counting whole and one in a lower tier by that tier's credit (host 0.75,
 *       disk and remote 0.25: --router-host-cache-hit-weight, --router-disk-cache-hit-weight);</li>
 *   <li>decode blocks: the blocks of the requests routed there ("potential blocks": the router adds
 *       a request's blocks when it routes it, before the engine admits it) plus this request's blocks
 *       that the worker does not cache.</li>
 * </ul>
 * The overlap weight is Dynamo's {@code --kv-overlap-score-weight} (default 1.0,
 * {@link RouterKind#DEFAULT_KV_OVERLAP_WEIGHT}); Dynamo's {@code --router-temperature} is left at its
 * default 0, the deterministic choice of the cheapest worker modelled here. The router reads the
 * engines' own state where Dynamo keeps its own bookkeeping from KV events and request lifecycles;
 * the two agree up to the event lag, which the simulator does not model.
 */
final class KvAwareRouter implements Router {
    private final double overlapWeight;
    private final SplittableRandom random;
    private final boolean trackPrefill;

    /**
     * @param trackPrefill false on a disaggregated decode pool, whose workers do no prefill (Dynamo
     *                     routes decode with {@code track_prefill_tokens = false})
     */
    KvAwareRouter(double overlapWeight, long seed, boolean trackPrefill) {
        this.overlapWeight = overlapWeight;
        this.random = new SplittableRandom(seed);
        this.trackPrefill = trackPrefill;
    }

    @Override
    public Engine choose(SimRequest r, Engine[] workers) {
        Engine best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int ties = 0;
        for (Engine e : workers) {
            double cost = cost(r, e);
            if (cost < bestCost) {
                best = e;
                bestCost = cost;
                ties = 1;
            } else if (cost == bestCost && random.nextInt(++ties) == 0) {
                // reservoir sampling: each tied worker is equally likely
                best = e;
            }
        }
        return best;
    }

    double cost(SimRequest r, Engine e) {
        double blockTokens = e.config.blockTokens();
        double credited = e.creditedPrefixTokens(r);
        double prefillBlocks = trackPrefill ? (e.promptLoadTokens() + r.inputTokens - credited) / blockTokens : 0.0;
        double decodeBlocks = e.routerActiveBlocks() + Math.ceil((r.inputTokens - e.cachedPrefixTokens(r)) / blockTokens);
        return overlapWeight * prefillBlocks + decodeBlocks;
    }
}
