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
 *   <li>Batch waiting, when the launch enables it ({@link ContextBatchWait}): while generation
 *       requests run, the context requests of a step are held back until they have waited the
 *       configured iterations or the step's tokens reach the configured share of max_num_tokens.</li>
 * </ul>
 */
final class TrtllmPolicy implements SchedulerPolicy {
    private final int maxNumTokens;
    private final int maxBatch;
    private final boolean chunked;
    private final int blockTokens;
    private final int draftTokens;
    private final ContextBatchWait wait;
    /** Iterations the current context requests have been held (PyExecutor.batch_wait_iters_count). */
    private int waitedIters;
    /** This step's requests and its context requests: scratch lists, refilled by every schedule. */
    private final ArrayList<SimRequest> step = new ArrayList<>();
    private final ArrayList<SimRequest> contexts = new ArrayList<>();

    TrtllmPolicy(EngineConfig config) {
        this.maxNumTokens = config.maxBatchedTokens();
        this.maxBatch = config.maxRunningRequests();
        this.chunked = config.chunkedPrefill();
        this.blockTokens = config.blockTokens();
        this.draftTokens = config.speculative().draftTokens();
        this.wait = config.attentionDpRanks() > 1 ? ContextBatchWait.NONE : config.contextWaiting().batch();
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
        step.clear();
        contexts.clear();
        int generations = 0;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            SimRequest r = running.get(i);
            if (r.decoding()) {
                int drafts = Math.min(rank.draftTokensFor(r), budget - 1);
                r.scheduledTokens = 1;
                r.draftTokens = drafts;
                step.add(r);
                budget -= 1 + drafts;
                generations += 1 + drafts;
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
            r.scheduledTokens = n;
            r.draftTokens = 0;
            step.add(r);
            contexts.add(r);
            budget -= n;
        }
        boolean hold = holdsContexts(contexts, generations);
        for (SimRequest r : step) {
            if (hold && !r.decoding()) {
                r.scheduledTokens = 0;
                continue;
            }
            rank.schedule(r, r.scheduledTokens, r.draftTokens);
        }
    }

    /**
     * PyExecutor._waiting_requests: with generation requests in the step, hold the contexts unless
     * they have waited {@code timeoutIters} iterations or the step's tokens (each context request's
     * whole prompt, as {@code len(get_tokens(0))} counts it, plus the generation tokens) reach the
     * ratio of max_num_tokens.
     */
    private boolean holdsContexts(ArrayList<SimRequest> contexts, int generationTokens) {
        if (!wait.enabled() || contexts.isEmpty() || generationTokens == 0) {
            return false;
        }
        long tokens = generationTokens;
        for (SimRequest r : contexts) {
            tokens += r.inputTokens;
        }
        boolean release = waitedIters >= wait.timeoutIters() || tokens >= wait.maxTokensRatio() * maxNumTokens;
        if (release) {
            waitedIters = 0;
            return false;
        }
        waitedIters++;
        return true;
    }
}
