package dev.plimsoll.optimizer.sizing;

import java.util.ArrayList;
import java.util.List;

/** Worker counts to try from the fewest that carry the load upward: the next few, then geometric. */
final class ReplicaCounts {
    private ReplicaCounts() {
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
