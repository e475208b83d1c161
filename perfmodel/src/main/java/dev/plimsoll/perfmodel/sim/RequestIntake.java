package dev.plimsoll.perfmodel.sim;

import java.util.ArrayDeque;
import java.util.List;

/**
 * When an engine's scheduler loop reads the requests that have arrived. Every turn by default; with
 * SGLang's {@code --scheduler-recv-interval N} only on some turns: SGLang's SchedulerRecvSkipper
 * (python/sglang/srt/managers/scheduler_recv_skipper.py) adds the weight of the last batch's forward
 * mode to a counter on every turn and reads the socket when the counter reaches N, then restarts it
 * from zero. A decode batch (also a speculative verify batch) weighs 1, any other batch 1000 (the
 * skipper's default weight, SGLANG_SCHEDULER_RECV_SKIPPER_WEIGHT_DEFAULT), so the turn after a prefill
 * always reads and a run of decode steps reads on every N-th. The counter starts at N, so the first
 * turn reads. An idle loop turns without a batch (weight 1) in microseconds: it reads at once on the
 * simulator's time scale.
 */
final class RequestIntake {
    /** Counter weight of a turn after a decode (or verify) batch, or of an idle turn. */
    static final int DECODE_WEIGHT = 1;
    /** Counter weight of a turn after any other batch (prefill, extend): the skipper's default weight. */
    static final int OTHER_WEIGHT = 1000;

    private final int interval;
    private int counter;

    /** @param interval SGLang --scheduler-recv-interval; 1 reads on every turn */
    RequestIntake(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("receive interval must be >= 1, got " + interval);
        }
        this.interval = interval;
        this.counter = interval;
    }

    /** Whether the loop reads on every turn (the default of every engine). */
    private boolean everyTurn() {
        return interval <= 1;
    }

    /**
     * One turn of the loop after a batch; whether it reads the requests that have arrived.
     *
     * @param lastBatchDecodeOnly the batch before this turn only decoded (no prompt tokens)
     */
    boolean turnAfterBatch(boolean lastBatchDecodeOnly) {
        if (everyTurn()) {
            return true;
        }
        counter += lastBatchDecodeOnly ? DECODE_WEIGHT : OTHER_WEIGHT;
        if (counter >= interval) {
            counter = 0;
            return true;
        }
        return false;
    }

    /**
     * Whether a request arriving now waits in a rank's unseen queue: while a step runs, when the next
     * step is built before this one ends (overlap scheduling) or the loop reads only on some turns.
     */
    boolean holdsArrival(boolean busy, boolean overlapScheduling) {
        return busy && (overlapScheduling || !everyTurn());
    }

    /**
     * One turn of the loop before a step: moves the arrivals it reads where the scheduler sees them;
     * whether any request stays unseen.
     *
     * @param afterStep           the loop turns after a step (false: it was idle, and reads at once)
     * @param lastBatchDecodeOnly the step that just ended only decoded
     * @param lastStepStartMs     when that step started
     */
    boolean turn(Rank[] ranks, boolean afterStep, boolean lastBatchDecodeOnly, double lastStepStartMs,
                 boolean overlapScheduling) {
        if (afterStep && !turnAfterBatch(lastBatchDecodeOnly)) {
            return reveal(ranks, Double.NEGATIVE_INFINITY);
        }
        // overlap scheduling: this step was built while the one that just ended ran, from the
        // requests that had arrived before that one started
        return reveal(ranks, overlapScheduling ? lastStepStartMs : Double.POSITIVE_INFINITY);
    }

    /** An idle loop spins until it reads: every arrival is seen, and the count starts again. */
    void readWhileIdle(Rank[] ranks) {
        reveal(ranks, Double.POSITIVE_INFINITY);
        counter = 0;
    }

    /** Whether a step's batch computes prompt tokens (a prefill or extend batch, not a decode one). */
    static boolean computesPrompt(List<SimRequest> scheduled) {
        for (int i = 0, n = scheduled.size(); i < n; i++) {
            if (!scheduled.get(i).decoding()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves requests queued before {@code cutoffMs} where the scheduler sees them; whether any request
     * stays unseen. Strictly before: a request queued at the very instant a step started came from a
     * client answering a token that step's predecessor produced, and reached the engine after the loop
     * had read its queue for that step (the loop turns in microseconds; the client's round trip and
     * the prompt's tokenisation take milliseconds).
     */
    private static boolean reveal(Rank[] ranks, double cutoffMs) {
        boolean left = false;
        for (Rank rank : ranks) {
            ArrayDeque<SimRequest> unseen = rank.unseen;
            while (!unseen.isEmpty() && unseen.peekFirst().queuedMs < cutoffMs) {
                rank.waiting.addLast(unseen.pollFirst());
            }
            left |= !unseen.isEmpty();
        }
        return left;
    }
}
