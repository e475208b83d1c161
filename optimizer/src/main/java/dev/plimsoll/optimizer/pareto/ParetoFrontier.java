package dev.plimsoll.optimizer.pareto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The points no other point beats on both axes, both to be maximised (tokens per second per user
 * and tokens per second per GPU). Sorted by the first axis ascending, so the second descends.
 */
public final class ParetoFrontier {
    private ParetoFrontier() {
    }

    public static <T> List<T> of(List<T> points, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
        List<T> sorted = new ArrayList<>(points);
        // x descending, then y descending: a point is on the frontier when its y beats every y so far
        sorted.sort(Comparator.comparingDouble(x).reversed().thenComparing(Comparator.comparingDouble(y).reversed()));
        List<T> front = new ArrayList<>();
        double bestY = Double.NEGATIVE_INFINITY;
        for (T p : sorted) {
            double py = y.applyAsDouble(p);
            if (py > bestY) {
                front.add(p);
                bestY = py;
            }
        }
        java.util.Collections.reverse(front);
        return front;
    }

    /**
     * At most {@code n} points of a frontier, spread evenly in the logarithm of {@code x} (so a
     * dense cluster of near-equal points counts once), its two ends included; in the frontier's
     * order.
     */
    public static <T> List<T> spread(List<T> frontier, int n, ToDoubleFunction<T> x) {
        if (frontier.size() <= n) {
            return frontier;
        }
        List<T> out = new ArrayList<>();
        if (n <= 0) {
            return out;
        }
        double lo = Math.log(Math.max(1e-9, x.applyAsDouble(frontier.get(0))));
        double hi = Math.log(Math.max(1e-9, x.applyAsDouble(frontier.get(frontier.size() - 1))));
        boolean[] taken = new boolean[frontier.size()];
        for (int i = 0; i < n; i++) {
            double target = n == 1 ? hi : lo + (hi - lo) * i / (n - 1);
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int k = 0; k < frontier.size(); k++) {
                double d = Math.abs(Math.log(Math.max(1e-9, x.applyAsDouble(frontier.get(k)))) - target);
                if (!taken[k] && d < bestDist) {
                    best = k;
                    bestDist = d;
                }
            }
            taken[best] = true;
        }
        for (int k = 0; k < frontier.size(); k++) {
            if (taken[k]) {
                out.add(frontier.get(k));
            }
        }
        return out;
    }
}
