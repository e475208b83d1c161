package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.policy.Stabiliser;

import java.util.Arrays;

/**
 * The Kubernetes Horizontal Pod Autoscaler on one Pods metric per pool, waiting requests per pod
 * (vLLM {@code num_requests_waiting}), as its controller computes it (kubernetes.io, "Horizontal
 * Pod Autoscaling", algorithm details): every sync period {@code desired = ceil(current x
 * average / target)}, no change within the tolerance, scale-down to the highest recommendation of
 * the stabilisation window, scale-up limited by the default policy (the larger of 4 pods and
 * 100 % per period).
 */
public final class HpaPolicy implements ScalingPolicy {
    /** --horizontal-pod-autoscaler-sync-period default. */
    public static final double SYNC_PERIOD_MS = 15_000;
    /** --horizontal-pod-autoscaler-tolerance default. */
    static final double TOLERANCE = 0.1;
    /** behavior.scaleDown.stabilizationWindowSeconds default. */
    public static final double DOWN_WINDOW_MS = 300_000;
    /** Default scale-up policies: 4 pods or 100 % per 15 s, whichever is more. */
    static final int UP_PODS = 4;

    private final Limits limits;
    private final double targetWaitingPerPod;
    private final Stabiliser stabiliser;
    private double nextSyncMs = Double.NEGATIVE_INFINITY;
    private int[] last;

    /**
     * @param targetWaitingPerPod the metric's AverageValue target; a user's choice (the public
     *                            KEDA / HPA examples for vLLM use single-digit queue lengths)
     */
    public HpaPolicy(Limits limits, double targetWaitingPerPod, int pools) {
        this.limits = limits;
        this.targetWaitingPerPod = targetWaitingPerPod;
        this.stabiliser = new Stabiliser(pools, 0.0, DOWN_WINDOW_MS);
    }

    @Override
    public String name() {
        return "hpa";
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        int[] current = ScalingPolicy.current(s);
        if (s.timeMs() < nextSyncMs && last != null) {
            return new Decision(current, "between syncs", Double.NaN);
        }
        nextSyncMs = s.timeMs() + SYNC_PERIOD_MS;
        int[] recommended = new int[current.length];
        for (int p = 0; p < current.length; p++) {
            PoolMetrics m = s.pool(p);
            if (!Double.isFinite(m.waitingRequests()) || m.readyReplicas() == 0) {
                recommended[p] = current[p];
                continue;
            }
            double average = m.waitingRequests() / m.readyReplicas();
            double ratio = average / targetWaitingPerPod;
            if (Math.abs(ratio - 1.0) <= TOLERANCE) {
                recommended[p] = current[p];
            } else {
                recommended[p] = (int) Math.ceil(current[p] * ratio - 1e-9);
            }
            int upLimit = Math.max(current[p] + UP_PODS, 2 * current[p]);
            recommended[p] = Math.min(recommended[p], upLimit);
            recommended[p] = Math.max(recommended[p], limits.pool(p).minReplicas());
        }
        int[] stable = stabiliser.apply(s.timeMs(), current, recommended);
        last = limits.clamp(stable).replicas();
        return new Decision(last, "waiting per pod vs target " + targetWaitingPerPod + ": "
                + Arrays.toString(recommended), Double.NaN);
    }
}
