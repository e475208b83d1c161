package dev.plimsoll.optimizer.sizing;

import java.util.ArrayList;
import java.util.List;

/** Worker counts to try from the fewest that carry the load upward: the next few, then geometric. */
final class ReplicaCounts {
    /**
     * Most workers tried, as a multiple of the fewest that carry the load: past eight times as many,
     * a deployment buys little per-user speed for a lot of idle GPUs.
     */
    static final int SPAN = 8;

    private ReplicaCounts() {
    }

    /** The most workers to try: {@code max}, at most {@link #SPAN} times {@code min}, at least {@code min}. */
    static int cap(int min, int max) {
        return Math.max(min, Math.min(max, SPAN * min));
    }

    static List<Integer> from(int min, int max, int count) {
        List<Integer> out = new ArrayList<>();
        if (max < min) {
            max = min;
        }
        int n = min;
        while (n <= max && out.size() < count) {
            out.add(n);
            int next = out.size() < 3 ? n + 1 : (int) Math.ceil(n * 1.35);
            n = Math.max(n + 1, next);
        }
        return out;
    }
}
