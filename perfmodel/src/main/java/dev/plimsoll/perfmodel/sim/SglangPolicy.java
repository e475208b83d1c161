package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.Comparator;

/**
 * SGLang (python/sglang/srt/managers/scheduler.py get_next_batch_to_run, get_new_batch_prefill,
 * update_running_batch; schedule_policy.py PrefillAdder; schedule_batch.py retract_decode):
 * <ul>
 *   <li>Prefill priority: whenever a prefill batch can be formed it runs, and the decode batch
 *       waits; decodes run only in steps without prefill. With --enable-mixed-chunk (off by
 *       default) and chunked prefill, a prefill batch carries the running requests' decode tokens
 *       instead (get_new_batch_prefill: new_batch.mix_with_running), its chunk and input budgets
 *       less one token per running request (PrefillAdder mixed_with_decode_tokens).</li>
 *   <li>A prefill batch takes waiting requests in FCFS order (the default --schedule-policy fcfs)
 *       while they fit --chunked-prefill-size and --max-prefill-tokens (the first request always
 *       fits the latter). At most one request is cut into chunks; it continues in the following
 *       prefill steps before anything new is added. With attention data parallelism each DP rank's
 *       scheduler chunks at --chunked-prefill-size / dp-size (server_args.py
 *       {@code _handle_data_parallelism}: "The chunked prefill size is adjusted to ... to avoid MoE
 *       kernel issues", v0.5.1.post1 to v0.5.10).</li>
 *   <li>Admission guards the KV pool with an estimate instead of preempting: free plus evictable
 *       tokens, minus for every running request min(remaining max_new_tokens, 4096) times the
 *       new-token ratio, must cover the new request's prompt plus its max_new_tokens
 *       (CLIP_MAX_NEW_TOKENS_ESTIMATION = 4096).</li>
 *   <li>The ratio starts at 0.7 (SGLANG_INIT_NEW_TOKEN_RATIO), falls by (0.7 - 0.7 * 0.14) / 600 per
 *       decode step to 0.7 * 0.14 (min_new_token_ratio_factor 0.14, new_token_ratio_decay_steps
 *       600; global_config.py).</li>
 *   <li>When a decode step does not find KV for every request, requests are retracted: the one
 *       with fewest output tokens, and among those the longest prompt, first; they lose their KV,
 *       go back to the waiting queue and are recomputed later; the ratio becomes
 *       min(1, (decoded + 20 * running) / (max_new_tokens + 1)) (retract_decode_steps 20).</li>
 * </ul>
 * The simulator treats max_new_tokens as the request's output length (a benchmark that sets
 * max_tokens and ignore_eos).
 */
final class SglangPolicy implements SchedulerPolicy {
    static final int CLIP_MAX_NEW_TOKENS = 4096;
    static final double INIT_NEW_TOKEN_RATIO = 0.7;
    static final double MIN_NEW_TOKEN_RATIO = INIT_NEW_TOKEN_RATIO * 0.14;
    static final double NEW_TOKEN_RATIO_DECAY = (INIT_NEW_TOKEN_RATIO - MIN_NEW_TOKEN_RATIO) / 600;
    static final int RETRACT_DECODE_STEPS = 20;

    /** Retract the request with most output tokens last; among equals the shortest prompt last. */
    private static final Comparator<SimRequest> KEEP_FIRST = Comparator
            .comparingInt((SimRequest r) -> -r.generated)
            .thenComparingInt(r -> r.inputTokens);

    private final int chunkTokens;
    private final int maxPrefillTokens;
    private final int maxRunning;
    private final boolean chunked;
    private final int pageTokens;
    private final boolean mixedChunk;
    private double newTokenRatio = INIT_NEW_TOKEN_RATIO;
    private SimRequest chunkedRequest;
    private final ArrayList<SimRequest> decodeBatch = new ArrayList<>();

    SglangPolicy(EngineConfig config) {
        this.chunkTokens = Math.max(1, config.maxBatchedTokens() / config.attentionDpRanks());
        this.maxPrefillTokens = config.maxPrefillTokens() > 0 ? config.maxPrefillTokens() : Integer.MAX_VALUE;
        this.maxRunning = config.maxRunningRequests();
        this.chunked = config.chunkedPrefill();
        this.pageTokens = config.blockTokens();
        this.mixedChunk = config.mixedChunk() && config.chunkedPrefill();
    }

    @Override
    public void schedule(Rank rank) {
        if (chunkedRequest != null && (chunkedRequest.rank != rank || chunkedRequest.remainingTokens() == 0
                || chunkedRequest.decoding())) {
            chunkedRequest = null;
        }
        if (!mixedChunk) {
            if (!schedulePrefill(rank, 0)) {
                scheduleDecode(rank);
            }
            return;
        }
        collectDecodes(rank);
        if (!schedulePrefill(rank, decodeBatch.size())) {
            scheduleDecode(rank);
            return;
        }
        // the running requests ride along with the prefill batch when their KV fits
        if (needBlocks(rank) <= rank.kv.allocatableBlocks()) {
            for (SimRequest r : decodeBatch) {
                int drafts = rank.draftTokensFor(r);
                if (rank.grow(r, 1 + drafts)) {
                    rank.schedule(r, 1, drafts);
                }
            }
        }
        decodeBatch.clear();
    }

    /** The running requests that decode this step (the one whose prompt is being chunked does not). */
    private void collectDecodes(Rank rank) {
        decodeBatch.clear();
        for (SimRequest r : rank.running) {
            if (r.decoding() && r != chunkedRequest) {
                decodeBatch.add(r);
            }
        }
    }

    /**
     * Forms a prefill batch; {@code mixedDecodes} running requests ride along, each taking a token
     * of the chunk and input budgets.
     */
    private boolean schedulePrefill(Rank rank, int mixedDecodes) {
        if (chunkedRequest == null && (rank.waiting.isEmpty() || rank.running.size() >= maxRunning)) {
            return false;
        }
        double remTotal = rank.kv.allocatableTokens();
        for (SimRequest r : rank.running) {
            if (r != chunkedRequest) {
                remTotal -= Math.min(r.remainingOutput(), CLIP_MAX_NEW_TOKENS) * newTokenRatio;
            }
        }
        long remInput = (long) maxPrefillTokens - mixedDecodes;
        long remChunk = chunked ? chunkTokens - mixedDecodes : Long.MAX_VALUE;
        if (remInput <= 0 || remChunk <= 0) {
            return false;
        }
        int added = 0;
        if (chunkedRequest != null) {
            SimRequest r = chunkedRequest;
            int n = chunkOf(r.remainingTokens(), remChunk);
            if (!rank.grow(r, n)) {
                // out of KV mid-prompt: give the blocks back and start over later, as a retraction
                rank.running.remove(r);
                rank.preempt(r);
                rank.waiting.addFirst(r);
                chunkedRequest = null;
                return false;
            }
            rank.schedule(r, n, 0);
            added++;
            remChunk -= n;
            remInput -= n;
            remTotal -= n;
            if (n < r.remainingTokens()) {
                return true;
            }
            chunkedRequest = null;
        }
        while (!rank.waiting.isEmpty() && rank.running.size() < maxRunning && remChunk > 0 && remInput > 0) {
            SimRequest r = rank.waiting.peekFirst();
            rank.attachPrefix(r);
            int extend = r.remainingTokens();
            int maxNew = Math.min(r.remainingOutput(), CLIP_MAX_NEW_TOKENS);
            if (extend + maxNew > remTotal) {
                rank.detachPrefix(r);
                break;
            }
            int n;
            if (extend <= remChunk) {
                if (extend > remInput && added > 0) {
                    rank.detachPrefix(r);
                    break;
                }
                n = extend;
            } else {
                n = chunkOf(extend, remChunk);
            }
            if (n == 0 || !rank.grow(r, n)) {
                rank.detachPrefix(r);
                break;
            }
            rank.waiting.pollFirst();
            rank.running.add(r);
            rank.schedule(r, n, 0);
            added++;
            remTotal -= extend + maxNew;
            remChunk -= n;
            remInput -= n;
            if (n < extend) {
                chunkedRequest = r;
                break;
            }
        }
        return added > 0;
    }

    /** The next chunk of a prompt with {@code remaining} tokens: page-aligned when it is not the last. */
    private int chunkOf(int remaining, long remChunk) {
        if (remaining <= remChunk) {
            return remaining;
        }
        return (int) (remChunk / pageTokens * pageTokens);
    }

    private void scheduleDecode(Rank rank) {
        collectDecodes(rank);
        if (decodeBatch.isEmpty()) {
            return;
        }
        if (needBlocks(rank) > rank.kv.allocatableBlocks()) {
            retract(rank);
        } else {
            newTokenRatio = Math.max(newTokenRatio - NEW_TOKEN_RATIO_DECAY, MIN_NEW_TOKEN_RATIO);
        }
        for (SimRequest r : decodeBatch) {
            int drafts = rank.draftTokensFor(r);
            if (!rank.grow(r, 1 + drafts)) {
                throw new IllegalStateException("decode of " + r + " found no KV after retraction");
            }
            rank.schedule(r, 1, drafts);
        }
        decodeBatch.clear();
    }

    private int needBlocks(Rank rank) {
        int need = 0;
        for (SimRequest r : decodeBatch) {
            need += rank.kv.extraBlocks(r, r.computed + 1 + rank.draftTokensFor(r));
        }
        return need;
    }

    private void retract(Rank rank) {
        decodeBatch.sort(KEEP_FIRST);
        while (!decodeBatch.isEmpty() && needBlocks(rank) > rank.kv.allocatableBlocks()) {
            SimRequest victim = decodeBatch.remove(decodeBatch.size() - 1);
            rank.running.remove(victim);
            rank.preempt(victim);
            rank.waiting.addLast(victim);
        }
        long decoded = 0;
        long maxNew = 0;
        for (SimRequest r : decodeBatch) {
            decoded += r.generated;
            maxNew += r.stopAfter;
        }
        newTokenRatio = Math.min(1.0, (decoded + (double) RETRACT_DECODE_STEPS * decodeBatch.size()) / (maxNew + 1));
    }
}
