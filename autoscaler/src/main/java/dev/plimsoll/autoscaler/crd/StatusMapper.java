package dev.plimsoll.autoscaler.crd;

import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.List;

/** A loop pass as the custom resource's status (conditions in the Kubernetes convention). */
public final class StatusMapper {
    private StatusMapper() {
    }

    /**
     * @param ready per pool, the ready replicas the pass saw
     */
    public static ServingAutoscalerStatus of(LoopStatus s, List<String> pools, int[] ready, Instant now) {
        ServingAutoscalerStatus out = new ServingAutoscalerStatus();
        out.observedRequestsPerS = s.observed() == null || !Double.isFinite(s.observed().requestsPerS()) ? null
                : s.observed().requestsPerS();
        out.predictedRequestsPerS = Double.isFinite(s.predictedPerS()) ? s.predictedPerS() : null;
        for (int p = 0; p < pools.size(); p++) {
            ServingAutoscalerStatus.PoolStatus ps = new ServingAutoscalerStatus.PoolStatus();
            ps.name = pools.get(p);
            ps.desiredReplicas = s.desired()[p];
            ps.currentReplicas = s.current()[p];
            ps.readyReplicas = ready[p];
            out.pools.add(ps);
        }
        out.lastDecisionTime = now.toString();
        out.lastDecisionReason = s.reason();
        for (String c : s.conditions()) {
            out.conditions.add(condition(c, now));
        }
        return out;
    }

    /** "Type=True: message" as a Condition. */
    static Condition condition(String text, Instant now) {
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        String type = eq > 0 ? text.substring(0, eq) : text;
        String status = eq > 0 ? text.substring(eq + 1, colon > eq ? colon : text.length()).trim() : "Unknown";
        String message = colon > 0 ? text.substring(colon + 1).trim() : "";
        return new ConditionBuilder().withType(type).withStatus(status).withMessage(message).withReason(type)
                .withLastTransitionTime(now.toString()).build();
    }
}
