package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;

/** A fixed fleet: the replicas of the plan for the peak load, never changed. */
public final class StaticPolicy implements ScalingPolicy {
    private final int[] replicas;

    public StaticPolicy(int[] replicas) {
        this.replicas = replicas.clone();
    }

    @Override
    public String name() {
        return "static-peak";
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        return new Decision(replicas, "static", Double.NaN);
    }
}
