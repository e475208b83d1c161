package dev.plimsoll.autoscaler.policy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Kubernetes HPA's stabilisation windows, per pool: a scale-up goes to the lowest
 * recommendation of the up window, a scale-down to the highest of the down window (kubernetes.io,
 * "Horizontal Pod Autoscaling", stabilization window). A window of W holds the recommendations
 * made strictly less than W ago, as the HPA controller's {@code stabilizeRecommendationWithBehaviors}
 * keeps those whose timestamp is after {@code now - W}: a 30 s window at a 15 s period holds two
 * recommendations, this one and the last, not three. A window of 0 passes the recommendation.
 */
public final class Stabiliser {
    private final double upWindowMs;
    private final double downWindowMs;
    private final Deque<double[]>[] history;
    private boolean seeded;

    @SuppressWarnings("unchecked")
    public Stabiliser(int pools, double upWindowMs, double downWindowMs) {
        this.upWindowMs = upWindowMs;
        this.downWindowMs = downWindowMs;
        this.history = new Deque[pools];
        for (int p = 0; p < pools; p++) {
            history[p] = new ArrayDeque<>();
        }
    }

    /**
     * Records {@code recommended} at {@code nowMs} and answers the stabilised replicas. The first
     * call also records the current sizes as the recommendation they were scaled to, as an HPA
     * that has been running finds its own history: a fresh controller does not scale down at once.
     */
    public int[] apply(double nowMs, int[] current, int[] recommended) {
        if (!seeded) {
            seeded = true;
            for (int p = 0; p < current.length; p++) {
                history[p].addLast(new double[] {nowMs, current[p], 1});
            }
        }
        int[] out = new int[current.length];
        double keep = Math.max(upWindowMs, downWindowMs);
        for (int p = 0; p < current.length; p++) {
            Deque<double[]> h = history[p];
            h.addLast(new double[] {nowMs, recommended[p], 0});
            while (!h.isEmpty() && h.peekFirst()[0] <= nowMs - keep) {
                h.removeFirst();
            }
            int minUp = recommended[p];
            int maxDown = recommended[p];
            for (double[] e : h) {
                // the remembered size is no recommendation to scale up to
                if (e[2] == 0 && e[0] > nowMs - upWindowMs) {
                    minUp = Math.min(minUp, (int) e[1]);
                }
                if (e[0] > nowMs - downWindowMs) {
                    maxDown = Math.max(maxDown, (int) e[1]);
                }
            }
            if (recommended[p] > current[p]) {
                out[p] = Math.max(current[p], minUp);
            } else if (recommended[p] < current[p]) {
                out[p] = Math.min(current[p], maxDown);
            } else {
                out[p] = current[p];
            }
        }
        return out;
    }
}
