package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.policy.Stabiliser;

import java.util.Locale;

/**
 * KEDA with two Prometheus triggers per pool, as the llm-d and vLLM production-stack examples set
 * it up: the pool's waiting requests and its KV-cache usage, each an AverageValue target. KEDA
 * polls every {@value #POLLING_MS} ms (its pollingInterval default, 30 s) and hands the metrics to
 * an HPA, which takes the largest of the triggers' {@code ceil(total / threshold)} and applies its
 * tolerance and 300 s scale-down stabilisation (keda.sh, "Scaling Deployments", and the HPA
 * algorithm).
 */
public final class KedaPolicy implements ScalingPolicy {
    static final double POLLING_MS = 30_000;

    private final Limits limits;
    private final double waitingThreshold;
    private final double kvUsageThreshold;
    private final Stabiliser stabiliser;
    private double nextPollMs = Double.NEGATIVE_INFINITY;

    /**
     * @param waitingThreshold queued requests per replica (a user's choice)
     * @param kvUsageThreshold mean KV usage per replica, 0..1 (a user's choice)
     */
    public KedaPolicy(Limits limits, double waitingThreshold, double kvUsageThreshold, int pools) {
        this.limits = limits;
        this.waitingThreshold = waitingThreshold;
        this.kvUsageThreshold = kvUsageThreshold;
        this.stabiliser = new Stabiliser(pools, 0.0, HpaPolicy.DOWN_WINDOW_MS);
    }

    @Override
    public String name() {
        return "keda";
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        int[] current = ScalingPolicy.current(s);
        if (s.timeMs() < nextPollMs) {
            return new Decision(current, "between polls", Double.NaN);
        }
        nextPollMs = s.timeMs() + POLLING_MS;
        int[] recommended = new int[current.length];
        for (int p = 0; p < current.length; p++) {
            PoolMetrics m = s.pool(p);
            if (!m.finite() || m.readyReplicas() == 0) {
                recommended[p] = current[p];
                continue;
            }
            int byWaiting = (int) Math.ceil(m.waitingRequests() / waitingThreshold - 1e-9);
            int byKv = (int) Math.ceil(m.kvUsage() * m.readyReplicas() / kvUsageThreshold - 1e-9);
            int desired = Math.max(byWaiting, byKv);
            double ratio = desired / (double) current[p];
            recommended[p] = Math.abs(ratio - 1.0) <= HpaPolicy.TOLERANCE ? current[p] : desired;
            recommended[p] = Math.min(recommended[p], Math.max(current[p] + HpaPolicy.UP_PODS, 2 * current[p]));
        }
        int[] stable = stabiliser.apply(s.timeMs(), current, recommended);
        return new Decision(limits.clamp(stable).replicas(), String.format(Locale.ROOT,
                "triggers: waiting / %.1f, KV usage / %.2f", waitingThreshold, kvUsageThreshold), Double.NaN);
    }
}
