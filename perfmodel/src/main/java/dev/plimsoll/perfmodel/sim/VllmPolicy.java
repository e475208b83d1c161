package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;

/**
 * vLLM V1 (vllm/v1/core/sched/scheduler.py, Scheduler.schedule):
 * <ul>
 *   <li>One token budget, max_num_batched_tokens, per step, shared by every request.</li>
 *   <li>RUNNING requests first, in admission order: each gets all the tokens it still needs
 *       (1 for a decode, the rest of the prompt for a prefill, plus speculative tokens), cut to what
 *       is left of the budget. Prefill chunks therefore ride along with decodes in the same step.</li>
 *   <li>When a running request cannot get KV blocks, the newest running request is preempted
 *       ({@code self.running.pop()} under the FCFS policy), its blocks freed, and it goes to the
 *       front of the waiting queue to be recomputed; the request itself is preempted when it is
 *       the newest.</li>
 *   <li>WAITING requests start only when nothing was preempted this step, in FCFS order, while
 *       the budget lasts and fewer than max_num_seqs requests run; the first that does not get
 *       blocks stops admission. A prefix-cache hit skips the cached tokens.</li>
 *   <li>Chunked prefill is always on in V1 (arg_utils.py _set_default_args_v1). With it off, a
 *       prompt that does not fit the remaining budget waits (a prompt larger than the whole budget
 *       runs alone, where vLLM would refuse the configuration).</li>
 * </ul>
 */
final class VllmPolicy implements SchedulerPolicy {
    private final int tokenBudget;
    private final int maxRunning;
    private final boolean chunked;

    VllmPolicy(EngineConfig config) {
        this.tokenBudget = config.maxBatchedTokens();
        this.maxRunning = config.maxRunningRequests();
        this.chunked = config.chunkedPrefill();
    }

    @Override
    public void schedule(Rank rank) {
        int budget = tokenBudget;
        ArrayList<SimRequest> running = rank.running;
        boolean preempted = false;
        for (int i = 0; i < running.size() && budget > 0; i++) {
            SimRequest r = running.get(i);
            int remaining = r.remainingTokens();
            int n = Math.min(remaining + rank.draftTokensFor(r), budget);
            if (n <= 0) {
                continue;
            }
            boolean fits = true;
            while (!rank.grow(r, n)) {
                SimRequest victim = running.remove(running.size() - 1);
                rank.preempt(victim);
                rank.waiting.addFirst(victim);
                preempted = true;
                if (victim == r) {
                    fits = false;
                    break;
                }
            }
            if (!fits) {
                break;
            }
            rank.schedule(r, Math.min(n, remaining), Math.max(0, n - remaining));
            budget -= n;
        }
        if (preempted) {
            return;
        }
        while (!rank.waiting.isEmpty() && budget > 0 && running.size() < maxRunning) {
            SimRequest r = rank.waiting.peekFirst();
            rank.attachPrefix(r);
            int n = r.remainingTokens();
            if (!chunked && n > budget && budget < tokenBudget) {
                rank.detachPrefix(r);
                break;
            }
            if (chunked) {
                n = Math.min(n, budget);
            }
            if (!rank.grow(r, n)) {
                rank.detachPrefix(r);
                break;
            }
            rank.waiting.pollFirst();
            running.add(r);
            rank.schedule(r, n, 0);
            budget -= n;
        }
    }
}
