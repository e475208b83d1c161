package dev.plimsoll.autoscaler.crd;

import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@EnableKubernetesMockClient(crud = true)
class ServingAutoscalerTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theGeneratedCrdNamesTheGroupVersionAndStatusSubresource() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/servingautoscalers.plimsoll.dev-v1.yml")) {
            assertNotNull(in, "the CRD generator ran");
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            assertEquals("plimsoll.dev", crd.getSpec().getGroup());
            assertEquals("ServingAutoscaler", crd.getSpec().getNames().getKind());
            assertEquals("v1alpha1", crd.getSpec().getVersions().get(0).getName());
            assertNotNull(crd.getSpec().getVersions().get(0).getSubresources().getStatus());
            assertEquals("Namespaced", crd.getSpec().getScope());
        }
    }

    @Test
    void aResourceIsStoredAndItsStatusWrittenBack() {
        ServingAutoscaler sa = new ServingAutoscaler();
        sa.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace("llm").build());
        ServingAutoscalerSpec spec = new ServingAutoscalerSpec();
        spec.model = "llama-3.1-70b";
        spec.gpu = "h100-sxm";
        ServingAutoscalerSpec.Pool pool = new ServingAutoscalerSpec.Pool();
        pool.name = "aggregated";
        pool.targetKind = "Deployment";
        pool.targetName = "llama";
        spec.pools.add(pool);
        sa.setSpec(spec);
        var resources = client.resources(ServingAutoscaler.class).inNamespace("llm");
        resources.resource(sa).create();

        LoopStatus pass = new LoopStatus(0, new Load(42, 1000, 200), 50, new int[] {4}, new int[] {6},
                List.of("aggregated=6"), "load 42 req/s", List.of("MetricsAvailable=True: complete",
                "Ready=True: scaled [aggregated=6]"), 0);
        ServingAutoscaler stored = resources.withName("llama").get();
        stored.setStatus(StatusMapper.of(pass, List.of("aggregated"), new int[] {4}, Instant.parse(
                "2026-01-01T00:00:00Z")));
        resources.resource(stored).updateStatus();

        ServingAutoscalerStatus status = resources.withName("llama").get().getStatus();
        assertEquals(42.0, status.observedRequestsPerS, 1e-9);
        assertEquals(6, status.pools.get(0).desiredReplicas);
        assertEquals(4, status.pools.get(0).currentReplicas);
        assertEquals("load 42 req/s", status.lastDecisionReason);
        assertEquals("Ready", status.conditions.get(1).getType());
        assertEquals("True", status.conditions.get(1).getStatus());
        assertEquals("scaled [aggregated=6]", status.conditions.get(1).getMessage());
    }
}
