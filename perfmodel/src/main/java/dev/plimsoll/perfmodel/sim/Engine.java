package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;

import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * One engine replica: its attention-DP ranks step together, a step lasting as long as the slowest
 * rank's batch. The engine runs steps back to back while any rank has work and sleeps otherwise;
 * a request that arrives wakes it.
 */
final class Engine {
    enum Role { AGGREGATED, PREFILL, DECODE }

    final int index;
    final Role role;
    final EngineConfig config;
    final Rank[] ranks;
    private final RankStepPricer pricer;
    private final EngineHost host;
    private final SplittableRandom random;
    private final double acceptanceRate;
    private final int fullLengthDraftTokens;
    private int nextRank;
    private boolean busy;
    private boolean inStepEnd;
    private boolean wakePending;
    /** When the step now running (or the last one) started. */
    private double stepStartMs;
    /** Responses held back one step (TensorRT-LLM overlap scheduler); null for other engines. */
    private final LateResponses late;
    /** When the scheduler loop reads arrived requests (SGLang --scheduler-recv-interval). */
    private final RequestIntake intake;
    /** TensorRT-LLM attention-DP context balancing; null when the engine does not balance. */
    private final AdpContextBalancer adpBalancer;
    /** The step now running (or the last one) computed prompt tokens on some rank. */
    private boolean stepHadPrompt;
    /** Handed-off requests whose first token waits for the step that first schedules them. */
    private int firstTokensPending;

    long steps;
    double busyMs;
    /** Prompt tokens of requests here that have not produced their first token (a router's prefill load). */
    private long promptLoadTokens;
    final EngineLoad load = new EngineLoad();

    Engine(int index, Role role, EngineConfig config, StepTimeModel stepTimes, EngineHost host, long seed) {
        this.index = index;
        this.role = role;
        this.config = config;
        this.pricer = new RankStepPricer(stepTimes, config.speculative());
        this.host = host;
        this.random = new SplittableRandom(seed);
        this.acceptanceRate = config.speculative().acceptanceRate();
        this.fullLengthDraftTokens = config.speculative().draftTokens();
        this.late = config.overlapScheduling() && config.profile() == SchedulerProfile.TRTLLM
                && role != Role.PREFILL ? new LateResponses() : null;
        this.intake = new RequestIntake(config.recvInterval());
        AttentionDpBalance balance = config.contextWaiting().adp();
        this.adpBalancer = balance.enabled() && config.attentionDpRanks() > 1
                ? new AdpContextBalancer(balance, config.maxRunningRequests()) : null;
        this.ranks = new Rank[config.attentionDpRanks()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = new Rank(this, i, config);
        }
    }

    /** A new request for this engine (aggregated or prefill worker). */
    void submit(SimRequest r, double nowMs) {
        if (!fits(r)) {
            host.reject(r, nowMs);
            return;
        }
        Rank rank = pickRank();
        r.engine = this;
        r.rank = rank;
        r.queuedMs = nowMs;
        r.routedPrefillTokens = (int) Math.round(r.inputTokens - rank.kv.creditedPrefixTokens(r));
        promptLoadTokens += r.routedPrefillTokens;
        double onboardedMs = rank.kv.startOnboard(r, nowMs);
        if (!Double.isNaN(onboardedMs)) {
            rank.onboarding++;
            host.onboard(r, onboardedMs);
            return;
        }
        enqueue(rank, r, nowMs);
    }

    private void enqueue(Rank rank, SimRequest r, double nowMs) {
        if (intake.holdsArrival(busy, config.overlapScheduling())) {
            rank.unseen.addLast(r);
        } else {
            rank.waiting.addLast(r);
        }
        kick(nowMs);
    }

    /** The blocks a request was reading from a lower KV tier have arrived: it can be scheduled. */
    void onboarded(SimRequest r, double nowMs) {
        Rank rank = r.rank;
        rank.kv.finishOnboard(r);
        rank.onboarding--;
        enqueue(rank, r, nowMs);
    }

    /**
     * A request whose prompt was computed on a prefill worker (decode worker): it waits for KV
     * blocks here, then its KV is transferred.
     */
    void acceptHandoff(SimRequest r, double nowMs) {
        Rank rank = pickRank();
        r.engine = this;
        r.rank = rank;
        rank.transferQueue.addLast(r);
        startTransfers(nowMs);
    }

    /** The KV of a handed-off request has arrived: it joins the decode batch. */
    void transferDone(SimRequest r, double nowMs) {
        r.firstTokenOnAdmission = true;
        firstTokensPending++;
        Rank rank = r.rank;
        rank.transfersInFlight--;
        rank.running.add(r);
        kick(nowMs);
    }

    /** Whether the request could ever run here: its whole length fits the KV pool of a rank. */
    boolean fits(SimRequest r) {
        KvCache kv = ranks[0].kv;
        return kv.blocksFor(r.inputTokens + r.stopAfter + fullLengthDraftTokens) <= kv.totalBlocks;
    }

    /** Attention-DP ranks take new requests in turn (SGLang data-parallel controller, round_robin default). */
    private Rank pickRank() {
        Rank rank = ranks[nextRank];
        nextRank = (nextRank + 1) % ranks.length;
        return rank;
    }

    /**
     * Wakes an idle engine. The step starts once everything else happening at this instant has
     * happened, so requests that arrive together are scheduled together, as an engine loop that
     * wakes up finds all of them in its queue.
     */
    void kick(double nowMs) {
        if (!busy && !inStepEnd && !wakePending) {
            wakePending = true;
            host.wake(this, nowMs);
        }
    }

    /** The wake-up requested by {@link #kick} is due. */
    void woken(double nowMs) {
        wakePending = false;
        if (!busy) {
            startStep(nowMs, false);
        }
    }

    /** @param afterStep the loop turns after a step (false: it was idle, and reads what arrived) */
    private void startStep(double nowMs, boolean afterStep) {
        load.sample(nowMs, kvUsage(), waitingRequests());
        boolean anyUnseen = intake.turn(ranks, afterStep, !stepHadPrompt, stepStartMs, config.overlapScheduling());
        double stepMs = scheduleRanks();
        if (stepMs < 0 && anyUnseen) {
            // nothing to run: the engine loop turns round at once (idle) and finds the new requests
            intake.readWhileIdle(ranks);
            stepMs = scheduleRanks();
        }
        if (stepMs < 0) {
            checkNotStuck();
            return;
        }
        stepStartMs = nowMs;
        busy = true;
        steps++;
        busyMs += stepMs;
        if (firstTokensPending > 0) {
            streamFirstTokens(nowMs);
        }
        host.stepStarted(this, nowMs, stepMs);
    }

    /**
     * A decode worker streams a handed-off request's first token (computed by the prefill worker) when it
     * schedules the request into a step for the first time, not when its KV lands: TensorRT-LLM's
     * {@code PyExecutor} calls {@code _handle_first_token_response(scheduled_batch)} ("Return the first token
     * to the client") on the batch it is about to run, and SGLang's decode scheduler streams it from
     * {@code process_batch_result_prebuilt} when {@code get_next_disagg_decode_batch_to_run} admits the
     * transferred request into its running batch; Dynamo's frontend streams the decode worker's tokens
     * (design doc "Dynamo Disaggregation": "Decode worker: Generate tokens, Stream tokens").
     */
    private void streamFirstTokens(double nowMs) {
        for (Rank rank : ranks) {
            ArrayList<SimRequest> scheduled = rank.scheduled;
            for (int i = 0, n = scheduled.size(); i < n; i++) {
                SimRequest r = scheduled.get(i);
                if (r.firstTokenOnAdmission) {
                    r.firstTokenOnAdmission = false;
                    firstTokensPending--;
                    host.tokens(r, nowMs, 1);
                }
            }
        }
    }

    /** Schedules every rank; the step time, or -1 when no rank has work. */
    private double scheduleRanks() {
        double stepMs = -1;
        stepHadPrompt = false;
        for (Rank rank : ranks) {
            rank.scheduled.clear();
            rank.policy.schedule(rank);
        }
        if (adpBalancer != null && adpBalancer.holdsContexts(ranks)) {
            for (Rank rank : ranks) {
                AdpContextBalancer.dropContexts(rank);
            }
        }
        for (Rank rank : ranks) {
            if (!rank.scheduled.isEmpty()) {
                stepMs = Math.max(stepMs, pricer.stepMs(rank));
                stepHadPrompt |= RequestIntake.computesPrompt(rank.scheduled);
            }
        }
        return stepMs;
    }

    /** The step that started earlier has ended now: apply its tokens, then start the next one. */
    void stepEnded(double nowMs) {
        busy = false;
        inStepEnd = true;
        int lateBefore = late == null ? 0 : late.size();
        try {
            for (Rank rank : ranks) {
                ArrayList<SimRequest> scheduled = rank.scheduled;
                for (int i = 0, n = scheduled.size(); i < n; i++) {
                    advance(rank, scheduled.get(i), nowMs);
                }
                scheduled.clear();
                removeFinished(rank);
            }
        } finally {
            inStepEnd = false;
        }
        if (role == Role.DECODE) {
            startTransfers(nowMs);
        }
        if (late != null) {
            // the previous step's responses leave now; this step's wait for the next step, unless
            // the engine goes idle
            late.send(lateBefore, host, nowMs);
            startStep(nowMs, true);
            if (!busy) {
                late.send(late.size(), host, nowMs);
            }
        } else {
            startStep(nowMs, true);
        }
    }

    private void advance(Rank rank, SimRequest r, double nowMs) {
        boolean wasDecode = r.decoding() && r.scheduledTokens == 1;
        int emitted;
        if (r.draftTokens > 0) {
            int accepted = 0;
            while (accepted < r.draftTokens && random.nextDouble() < acceptanceRate) {
                accepted++;
            }
            r.computed += 1 + accepted;
            emitted = 1 + accepted;
        } else {
            r.computed += r.scheduledTokens;
            if (r.computed < r.tokens()) {
                return;
            }
            emitted = 1;
        }
        r.scheduledTokens = 0;
        r.draftTokens = 0;
        if (!wasDecode) {
            rank.kv.publish(r);
        }
        emitted = Math.min(emitted, r.remainingOutput());
        if (r.generated == 0) {
            promptLoadTokens -= r.routedPrefillTokens;
        }
        r.generated += emitted;
        boolean finished = r.generated >= r.stopAfter;
        if (late != null) {
            late.add(r, emitted, finished);
        } else if (role != Role.PREFILL) {
            host.tokens(r, nowMs, emitted);
        }
        if (!finished) {
            return;
        }
        if (role == Role.PREFILL) {
            rank.kv.holdForTransfer(r);
            rank.transferHolds++;
            r.prefillEngine = this;
            r.prefillRank = rank;
            r.engine = null;
            r.rank = null;
            host.prefillDone(r, nowMs);
        } else {
            rank.kv.publish(r);
            rank.kv.release(r);
            r.rank = null;
            if (late == null) {
                host.finish(r, nowMs);
            }
        }
    }

    /** Drops requests that left (finished or handed off) from the running lists, keeping order. */
    private static void removeFinished(Rank rank) {
        ArrayList<SimRequest> running = rank.running;
        int kept = 0;
        for (int i = 0, n = running.size(); i < n; i++) {
            SimRequest r = running.get(i);
            if (r.rank == rank) {
                running.set(kept++, r);
            }
        }
        while (running.size() > kept) {
            running.remove(running.size() - 1);
        }
    }

    /** Decode worker: reserves KV for queued handoffs in order and starts their transfers. */
    private void startTransfers(double nowMs) {
        for (Rank rank : ranks) {
            while (!rank.transferQueue.isEmpty()
                    && rank.running.size() + rank.transfersInFlight < config.maxRunningRequests()) {
                SimRequest r = rank.transferQueue.peekFirst();
                if (!rank.kv.reserve(r, rank.policy.admissionTokens(r))) {
                    break;
                }
                rank.transferQueue.pollFirst();
                rank.transfersInFlight++;
                host.startTransfer(r, nowMs);
            }
        }
    }

    /** Prefill worker: the KV of a handed-off request has left; its blocks are free again. */
    void releaseHandoff(SimRequest r, double nowMs) {
        Rank rank = r.prefillRank;
        rank.kv.releaseTransfer(r);
        rank.transferHolds--;
        r.prefillEngine = null;
        r.prefillRank = null;
        kick(nowMs);
    }

    private void checkNotStuck() {
        for (Rank rank : ranks) {
            if (!rank.waiting.isEmpty() && rank.running.isEmpty() && rank.transferHolds == 0
                    && rank.transfersInFlight == 0) {
                throw new IllegalStateException("engine " + index + " rank " + rank.index + " cannot start "
                        + rank.waiting.peekFirst() + " although nothing runs: a scheduler bug");
            }
        }
    }

    int waitingRequests() {
        return RankTotals.waiting(ranks);
    }

    int runningRequests() {
        return RankTotals.running(ranks);
    }

    /** Holds no request, no KV kept for a transfer, runs no step: a draining worker may stop. */
    boolean idle() {
        return !busy && !wakePending && RankTotals.holdNothing(ranks) && (late == null || late.size() == 0);
    }

    int outstandingRequests() {
        return RankTotals.outstanding(ranks);
    }

    double kvUsage() {
        return RankTotals.kvUsage(ranks);
    }

    /** KV blocks in use by requests, all ranks (what a KV-aware router calls active blocks). */
    long activeBlocks() {
        return RankTotals.activeBlocks(ranks);
    }

    /**
     * Blocks a KV-aware router counts as active here: those in use by admitted requests, plus the
     * prompt blocks still to be computed of the requests queued (Dynamo's router adds a request's
     * blocks when it routes it, not when the engine admits it).
     */
    long routerActiveBlocks() {
        return RankTotals.routerActiveBlocks(ranks);
    }

    /**
     * Prompt tokens of the requests here still before their first token: the router-side prefill
     * load of Dynamo's KV router ("active prompt-side token load", updated when the first output
     * token signals prefill completion), kept as a running sum.
     */
    long promptLoadTokens() {
        return promptLoadTokens;
    }

    /** Longest cached prefix of the request on the rank that would get it next. */
    int cachedPrefixTokens(SimRequest r) {
        return ranks[nextRank].kv.cachedPrefixTokens(r);
    }

    /** Its cached prefix in every tier, as the KV router credits it, on the rank that would get it next. */
    double creditedPrefixTokens(SimRequest r) {
        return ranks[nextRank].kv.creditedPrefixTokens(r);
    }
}
