package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.actuate.KubernetesActuator;
import dev.plimsoll.autoscaler.actuate.ScaleTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;

/**
 * A pool's provisioned and ready replicas as the Kubernetes API holds them: {@code spec.replicas}
 * and {@code status.readyReplicas} of the target (for a DynamoGraphDeployment,
 * {@code spec.services.<service>.replicas}, with ready taken as provisioned: its status does not
 * count per service). A missing target reads as -1, which the policy treats as unknown.
 */
public final class ReplicaReader {
    /** @param provisioned spec.replicas, or -1 when unknown; @param ready ready replicas, or -1 */
    public record Replicas(int provisioned, int ready) {
    }

    private final KubernetesClient client;

    public ReplicaReader(KubernetesClient client) {
        this.client = client;
    }

    public Replicas read(ScaleTarget t) {
        switch (t.kind()) {
            case "Deployment" -> {
                Deployment d = client.apps().deployments().inNamespace(t.namespace()).withName(t.name()).get();
                return d == null ? new Replicas(-1, -1) : new Replicas(orZero(d.getSpec().getReplicas()),
                        d.getStatus() == null ? 0 : orZero(d.getStatus().getReadyReplicas()));
            }
            case "StatefulSet" -> {
                StatefulSet s = client.apps().statefulSets().inNamespace(t.namespace()).withName(t.name()).get();
                return s == null ? new Replicas(-1, -1) : new Replicas(orZero(s.getSpec().getReplicas()),
                        s.getStatus() == null ? 0 : orZero(s.getStatus().getReadyReplicas()));
            }
            default -> {
                GenericKubernetesResource g = client.genericKubernetesResources(KubernetesActuator.context(t))
                        .inNamespace(t.namespace()).withName(t.name()).get();
                if (g == null) {
                    return new Replicas(-1, -1);
                }
                Map<String, Object> spec = map(g.getAdditionalProperties().get("spec"));
                if (t.kind().equals("DynamoGraphDeployment")) {
                    int n = number(map(map(spec.get("services")).get(t.service())).get("replicas"));
                    return new Replicas(n, n);
                }
                int provisioned = number(spec.get("replicas"));
                Object ready = map(g.getAdditionalProperties().get("status")).get("readyReplicas");
                return new Replicas(provisioned, ready == null ? provisioned : number(ready));
            }
        }
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : -1;
    }
}
