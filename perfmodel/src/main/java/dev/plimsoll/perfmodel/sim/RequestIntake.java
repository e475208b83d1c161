package dev.plimsoll.perfmodel.sim;

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
    boolean everyTurn() {
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

    /** An idle loop spun until it read: the count starts again. */
    void readWhileIdle() {
        counter = 0;
    }
}
