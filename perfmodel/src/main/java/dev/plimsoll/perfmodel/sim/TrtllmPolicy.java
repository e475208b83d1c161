package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;

/**
 * TensorRT-LLM in-flight batching (docs: "Paged Attention, IFB, and Request Scheduling";
 * torch/scheduler.html: CapacityScheduler then MicroBatchScheduler):
 * <ul>
 *   <li>Capacity scheduler, GUARANTEED_NO_EVICT (the default policy): a waiting request starts
 *       only if KV blocks for its whole length (prompt plus max_tokens) can be reserved now, in
 *       FCFS order, up to max_batch_size requests. A started request is never paused, so there is
 *       no preemption. (MAX_UTILIZATION, which may pause requests, is not modelled.)</li>
 *   <li>Micro-batch scheduler: context and generation requests run in the same step within
 *       max_num_tokens, in admission order; a generation request costs one token (plus draft
 *       tokens), a context request its whole prompt.</li>
 *   <li>Context chunking is off by default (LLM API enable_chunked_prefill=False): a prompt that
 *       does not fit the remaining budget waits for a later step (one larger than the whole budget
 *       runs alone, where TensorRT-LLM would refuse it). With chunking on, chunks are cut to whole
 *       KV blocks (ContextChunkingPolicy FIRST_COME_FIRST_SERVED).</li>
 * </ul>
 */
final class TrtllmPolicy implements SchedulerPolicy {
    private final int maxNumTokens;
    private final int maxBatch;
    private final boolean chunked;
    private final int blockTokens;
    private final int draftTokens;

    TrtllmPolicy(EngineConfig config) {
        this.maxNumTokens = config.maxBatchedTokens();
        this.maxBatch = config.maxRunningRequests();
        this.chunked = config.chunkedPrefill();
        this.blockTokens = config.blockTokens();
        this.draftTokens = config.speculative().draftTokens();
    }

    @Override
    public int admissionTokens(SimRequest r) {
        return r.inputTokens + r.stopAfter + draftTokens;
    }

    @Override
    public void schedule(Rank rank) {
        ArrayList<SimRequest> running = rank.running;
        while (!rank.waiting.isEmpty() && running.size() < maxBatch) {
            SimRequest r = rank.waiting.peekFirst();
            rank.attachPrefix(r);
            if (!rank.kv.reserve(r, admissionTokens(r))) {
                rank.detachPrefix(r);
                break;
            }
            rank.waiting.pollFirst();
            running.add(r);
        }
        int budget = maxNumTokens;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            SimRequest r = running.get(i);
            if (r.decoding()) {
                int drafts = Math.min(rank.draftTokensFor(r), budget - 1);
                rank.schedule(r, 1, drafts);
                budget -= 1 + drafts;
                continue;
            }
            int remaining = r.remainingTokens();
            int n;
            if (remaining <= budget) {
                n = remaining;
            } else if (chunked) {
                n = budget / blockTokens * blockTokens;
            } else {
                n = budget == maxNumTokens ? remaining : 0;
            }
            if (n == 0) {
                break;
            }
            rank.schedule(r, n, 0);
            budget -= n;
        }
    }
}
