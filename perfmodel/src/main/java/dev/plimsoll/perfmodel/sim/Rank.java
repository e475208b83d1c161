package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.sim.kvtier.TierStore;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * One attention-DP rank of an engine: its queues, its KV pool and the requests of the step being
 * built. Scheduler policies work through the helpers here, so the bookkeeping (blocks, prefix
 * pins, preemption) is the same for every engine.
 */
final class Rank {
    final Engine engine;
    final int index;
    final KvCache kv;
    final SchedulerPolicy policy;
    final ArrayDeque<SimRequest> waiting = new ArrayDeque<>();
    /**
     * Overlap scheduling: requests that arrived while a step ran and that the scheduler has not seen
     * yet (the step after the running one was already built), oldest first.
     */
    final ArrayDeque<SimRequest> unseen = new ArrayDeque<>();
    /** Admitted requests in admission order. */
    final ArrayList<SimRequest> running = new ArrayList<>();
    /** Requests of the step being built or run. */
    final ArrayList<SimRequest> scheduled = new ArrayList<>();
    /** Disaggregated decode worker: requests whose KV waits for blocks here, and transfers under way. */
    final ArrayDeque<SimRequest> transferQueue = new ArrayDeque<>();
    int transfersInFlight;
    /** Disaggregated prefill worker: requests whose KV is still being sent from here. */
    int transferHolds;
    /** Requests waiting for their prompt's blocks to arrive from a lower KV tier. */
    int onboarding;
    long preemptions;
    private final int draftTokens;

    Rank(Engine engine, int index, EngineConfig config) {
        this.engine = engine;
        this.index = index;
        this.kv = new KvCache((int) config.totalBlocks(), config.blockTokens(), config.prefixCaching(),
                config.kvTiers().enabled() ? new TierStore(config.kvTiers(), 1.0 / config.attentionDpRanks(),
                        config.kvBytesPerToken()) : null);
        this.policy = config.profile().newPolicy(config);
        this.draftTokens = config.speculative().draftTokens();
    }

    /** Requests admitted or queued here (what load balancers count). */
    int outstanding() {
        return waiting.size() + unseen.size() + running.size() + transferQueue.size() + transfersInFlight
                + onboarding;
    }

    /**
     * Draft tokens a decode of this request verifies this step: the engine's draft length, but
     * never more than the request still needs.
     */
    int draftTokensFor(SimRequest r) {
        if (draftTokens == 0 || !r.decoding()) {
            return 0;
        }
        return Math.max(0, Math.min(draftTokens, r.remainingOutput() - 1));
    }

    /** Reserves blocks so the request can hold {@code computed + tokens} tokens. */
    boolean grow(SimRequest r, int tokens) {
        return kv.reserve(r, r.computed + tokens);
    }

    /** Adds the request to this step with {@code tokens} to compute and {@code drafts} to verify. */
    void schedule(SimRequest r, int tokens, int drafts) {
        r.scheduledTokens = tokens;
        r.draftTokens = drafts;
        scheduled.add(r);
    }

    /** Looks up and pins the cached prefix of a request that has nothing computed. */
    void attachPrefix(SimRequest r) {
        if (r.computed == 0 && r.sharedTokens == 0) {
            kv.attachPrefix(r);
        }
    }

    void detachPrefix(SimRequest r) {
        kv.detachPrefix(r);
    }

    /**
     * Preemption by recompute: the request loses its KV and starts over from its prompt and the
     * tokens it has generated (vLLM V1 Scheduler._preempt_request; SGLang retract_decode). The
     * caller removes it from {@link #running} and queues it again.
     */
    void preempt(SimRequest r) {
        kv.release(r);
        r.computed = 0;
        r.preemptions++;
        preemptions++;
    }
}
