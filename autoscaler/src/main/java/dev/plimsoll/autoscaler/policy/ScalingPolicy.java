package dev.plimsoll.autoscaler.policy;

/**
 * A scaling policy: called at every observation, it answers the replicas it wants per pool. Plain
 * Java, no Kubernetes types, so the controller and the replay run the very same object. A policy
 * keeps its own clocks (the loops it runs, its stabilisation windows) from the snapshots' times.
 */
public interface ScalingPolicy {
    /** Short id: plimsoll, dynamo, hpa, keda, static-peak, oracle. */
    String name();

    Decision decide(MetricsSnapshot snapshot);

    /** Current replicas of every pool in the snapshot (provisioned: ready plus starting). */
    static int[] current(MetricsSnapshot s) {
        int[] n = new int[s.pools().size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = s.pool(i).provisionedReplicas();
        }
        return n;
    }
}
