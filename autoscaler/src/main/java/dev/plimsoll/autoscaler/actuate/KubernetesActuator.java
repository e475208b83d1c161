package dev.plimsoll.autoscaler.actuate;

import dev.plimsoll.autoscaler.reconcile.ActuationException;
import dev.plimsoll.autoscaler.reconcile.Actuator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.Map;

/**
 * Resizes worker groups through the Kubernetes API (fabric8 client): the scale subresource of a
 * Deployment or StatefulSet; for the custom kinds (LeaderWorkerSet,
 * DynamoGraphDeploymentScalingAdapter) a JSON merge patch of {@code spec.replicas}, the field their
 * scale subresource maps; for a DynamoGraphDeployment a merge patch of
 * {@code spec.services.<service>.replicas}. API errors become {@link ActuationException}s,
 * retryable for 409, 429, 5xx and timeouts.
 */
public final class KubernetesActuator implements Actuator {
    private final KubernetesClient client;
    private final Map<String, ScaleTarget> targets;

    /** @param targets by pool name */
    public KubernetesActuator(KubernetesClient client, Map<String, ScaleTarget> targets) {
        this.client = client;
        this.targets = Map.copyOf(targets);
    }

    @Override
    public void scale(String pool, int replicas) throws ActuationException {
        ScaleTarget t = targets.get(pool);
        if (t == null) {
            throw new ActuationException("no scale target for pool " + pool, false);
        }
        try {
            switch (t.kind()) {
                case "Deployment" -> client.apps().deployments().inNamespace(t.namespace()).withName(t.name())
                        .scale(replicas);
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(t.namespace()).withName(t.name())
                        .scale(replicas);
                case "DynamoGraphDeployment" -> patch(t, "{\"spec\":{\"services\":{\"" + t.service()
                        + "\":{\"replicas\":" + replicas + "}}}}");
                default -> patch(t, "{\"spec\":{\"replicas\":" + replicas + "}}");
            }
        } catch (KubernetesClientException e) {
            throw ActuationException.ofStatus(e.getCode(), "scaling " + t.kind() + " " + t.namespace() + "/"
                    + t.name() + " to " + replicas + ": " + e.getMessage());
        }
    }

    /** The custom kind's API coordinates; its plural is the lower-case kind plus "s", as these CRDs name it. */
    public static ResourceDefinitionContext context(ScaleTarget t) {
        int slash = t.apiVersion().indexOf('/');
        return new ResourceDefinitionContext.Builder().withGroup(slash < 0 ? "" : t.apiVersion().substring(0, slash))
                .withVersion(t.apiVersion().substring(slash + 1)).withKind(t.kind())
                .withPlural(t.kind().toLowerCase(java.util.Locale.ROOT) + "s").withNamespaced(true).build();
    }

    private void patch(ScaleTarget t, String json) {
        var resource = client.genericKubernetesResources(context(t)).inNamespace(t.namespace()).withName(t.name());
        if (resource.get() == null) {
            throw new KubernetesClientException("not found", 404, null);
        }
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }
}
