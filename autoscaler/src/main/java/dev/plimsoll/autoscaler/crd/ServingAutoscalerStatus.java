package dev.plimsoll.autoscaler.crd;

import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the autoscaler saw and did, written back after every decision. */
public class ServingAutoscalerStatus {
    /** Offered load, requests per second. */
    public Double observedRequestsPerS;
    /** The load the policy sized for. */
    public Double predictedRequestsPerS;
    public List<PoolStatus> pools = new ArrayList<>();
    /** RFC 3339 time of the last decision. */
    public String lastDecisionTime;
    public String lastDecisionReason;
    public List<Condition> conditions = new ArrayList<>();

    /** One pool's replicas. */
    public static class PoolStatus {
        public String name;
        public int desiredReplicas;
        public int currentReplicas;
        public int readyReplicas;
    }
}
