package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;

/**
 * Mutable state of one request during a simulation.
 *
 * <p>Progress follows vLLM V1's single rule (vllm/v1/core/sched/scheduler.py, schedule(): "each
 * request just has num_computed_tokens and num_tokens"): a request holds {@code input + generated}
 * tokens, of which {@link #computed} have KV in the cache; a step computes some of the rest, and
 * when all are computed the step samples the next token. Prefill, chunked prefill, decode and
 * recompute after preemption are all this one rule.
 */
final class SimRequest {
    final long id;
    /** When the client sent it: the start of the TTFT and end-to-end latency the client sees. */
    final double sentMs;
    /** When it reached the engine's queue (after the request path). */
    final double arrivalMs;
    final int inputTokens;
    final int outputTokens;
    final long[] prefixHashes;
    final int hashBlockTokens;
    /** Closed-loop client that sent it, or -1. */
    final int client;
    /** Counted in the latency statistics (closed-loop warm-up and cool-down are not). */
    final boolean measured;

    /** Tokens to generate on the current engine: 1 on a prefill worker, else all. */
    int stopAfter;
    int computed;
    int generated;
    /** Prompt tokens covered by prefix-cache entries this request pins. */
    int sharedTokens;
    /** Prefix-cache entries this request pins (the first ones of {@link #prefixHashes}). */
    int pinnedEntries;
    /** KV blocks held privately on the current rank. */
    int privateBlocks;
    /** KV blocks still held on the prefill worker while the KV moves to the decode worker. */
    int transferBlocks;
    /** Tokens this step computes, and draft tokens it verifies. */
    int scheduledTokens;
    /** When the request reached its current engine's queue. */
    double queuedMs;
    int draftTokens;
    int preemptions;
    /** The multi-turn session it is a turn of, or null. */
    dev.plimsoll.perfmodel.workload.MultiTurnSessions.Session session;
    int turn;
    /** Onboarding from lower KV tiers: GPU blocks reserved, and the range of prefix ids being read. */
    int onboardBlocks;
    int onboardFrom;
    int onboardTo;
    /** Prompt tokens not cached on the engine when the router sent it there (a router's prefill load). */
    int routedPrefillTokens;

    double firstTokenMs = Double.NaN;
    double lastTokenMs = Double.NaN;
    /** Disaggregated: when the prefill worker finished. */
    double handoffMs = Double.NaN;
    /**
     * A handed-off request whose KV has arrived and whose first token (the prefill worker's) the decode
     * worker streams when a step first runs it ({@code Engine#streamFirstTokens}).
     */
    boolean firstTokenOnAdmission;

    Engine engine;
    Rank rank;
    /** Prefill worker and rank during a disaggregated handoff. */
    Engine prefillEngine;
    Rank prefillRank;

    SimRequest(long id, double sentMs, double arrivalMs, RequestShape shape, int client, boolean measured) {
        this.id = id;
        this.sentMs = sentMs;
        this.arrivalMs = arrivalMs;
        this.inputTokens = shape.inputTokens();
        this.outputTokens = shape.outputTokens();
        this.prefixHashes = shape.prefixHashes();
        this.hashBlockTokens = shape.hashBlockTokens();
        this.client = client;
        this.measured = measured;
        this.stopAfter = outputTokens;
    }

    /** Prompt plus generated tokens: what the KV must eventually hold to sample the next one. */
    int tokens() {
        return inputTokens + generated;
    }

    int remainingTokens() {
        return tokens() - computed;
    }

    /** Only the last sampled token is left to compute: a decode step. */
    boolean decoding() {
        return generated > 0 && computed == tokens() - 1;
    }

    /** Tokens still to generate on this engine. */
    int remainingOutput() {
        return stopAfter - generated;
    }

    boolean hasPrefixHashes() {
        return prefixHashes.length > 0;
    }

    @Override
    public String toString() {
        return "request " + id + " (" + inputTokens + " in, " + generated + "/" + outputTokens + " out, computed "
                + computed + ")";
    }
}
