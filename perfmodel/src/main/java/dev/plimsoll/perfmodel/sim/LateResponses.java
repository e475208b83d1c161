package dev.plimsoll.perfmodel.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * TensorRT-LLM overlap scheduler: the responses of a step are sent once the next step has run (the
 * executor handles step n's outputs after launching step n+1; docs features/overlap-scheduler,
 * "introduces one extra decoding step"). Holds the tokens, and the finishes, not sent yet.
 */
final class LateResponses {
    private final ArrayList<Late> pending = new ArrayList<>();

    private record Late(SimRequest request, int tokens, boolean finished) {
    }

    void add(SimRequest r, int tokens, boolean finished) {
        pending.add(new Late(r, tokens, finished));
    }

    int size() {
        return pending.size();
    }

    /** Sends the oldest {@code count} pending responses now. */
    void send(int count, EngineHost host, double nowMs) {
        List<Late> due = pending.subList(0, count);
        for (Late late : due) {
            host.tokens(late.request(), nowMs, late.tokens());
            if (late.finished()) {
                host.finish(late.request(), nowMs);
            }
        }
        due.clear();
    }
}
