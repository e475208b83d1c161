package dev.plimsoll.autoscaler.reconcile;

import dev.plimsoll.autoscaler.policy.Load;

import java.util.List;

/**
 * What one pass of the loop observed and did: the custom resource's status, without Kubernetes
 * types.
 *
 * @param timeMs        when
 * @param observed      the offered load seen
 * @param predictedPerS the load the policy sized for
 * @param current       replicas per pool before the pass (provisioned)
 * @param desired       replicas per pool the policy asked for
 * @param actions       the scale requests that went through in this pass, "pool=n"
 * @param reason        the policy's reason
 * @param conditions    Ready / MetricsAvailable / ActuationFailed / NotLeader, each "Type=True|False: why"
 * @param errors        scale requests that failed for good in this pass
 */
public record LoopStatus(double timeMs, Load observed, double predictedPerS, int[] current, int[] desired,
                         List<String> actions, String reason, List<String> conditions, int errors) {
    public LoopStatus {
        current = current.clone();
        desired = desired.clone();
        actions = List.copyOf(actions);
        conditions = List.copyOf(conditions);
    }
}
