package dev.plimsoll.autoscaler.actuate;

import dev.plimsoll.autoscaler.reconcile.ActuationException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void scalesADeploymentThroughItsScaleSubresource() throws Exception {
        client.apps().deployments().inNamespace("llm").resource(new DeploymentBuilder().withNewMetadata()
                .withName("decode").withNamespace("llm").endMetadata().withNewSpec().withReplicas(2).endSpec().build())
                .create();
        new KubernetesActuator(client, Map.of("decode", ScaleTarget.deployment("llm", "decode"))).scale("decode", 5);
        Deployment d = client.apps().deployments().inNamespace("llm").withName("decode").get();
        assertEquals(5, d.getSpec().getReplicas());
    }

    @Test
    void patchesTheServiceOfADynamoGraphDeployment() throws Exception {
        GenericKubernetesResource dgd = new GenericKubernetesResourceBuilder().withApiVersion("nvidia.com/v1alpha1")
                .withKind("DynamoGraphDeployment").withNewMetadata().withName("llama").withNamespace("llm").endMetadata()
                .addToAdditionalProperties("spec", Map.of("services", Map.of(
                        "VllmPrefillWorker", Map.of("replicas", 2), "VllmDecodeWorker", Map.of("replicas", 1))))
                .build();
        client.genericKubernetesResources(KubernetesActuator.context(ScaleTarget.dynamoService("llm", "llama", "x")))
                .inNamespace("llm").resource(dgd).create();
        new KubernetesActuator(client, Map.of("prefill", ScaleTarget.dynamoService("llm", "llama",
                "VllmPrefillWorker"))).scale("prefill", 6);
        GenericKubernetesResource after = client.genericKubernetesResources(KubernetesActuator.context(
                ScaleTarget.dynamoService("llm", "llama", "x"))).inNamespace("llm").withName("llama").get();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) after.getAdditionalProperties().get("spec")).get("services");
        assertEquals(6, ((Number) services.get("VllmPrefillWorker").get("replicas")).intValue());
        assertEquals(1, ((Number) services.get("VllmDecodeWorker").get("replicas")).intValue(), "the other service stays");
    }

    @Test
    void aMissingTargetIsAnErrorThatIsNotRetried() {
        KubernetesActuator a = new KubernetesActuator(client, Map.of("decode", ScaleTarget.dynamoService("llm",
                "absent", "VllmDecodeWorker")));
        ActuationException e = assertThrows(ActuationException.class, () -> a.scale("decode", 3));
        assertFalse(e.retryable(), e.getMessage());
        assertThrows(ActuationException.class, () -> a.scale("nobody", 3));
    }

    @Test
    void conflictsServerErrorsAndTimeoutsAreRetryable() {
        assertTrue(ActuationException.ofStatus(409, "conflict").retryable());
        assertTrue(ActuationException.ofStatus(503, "unavailable").retryable());
        assertTrue(ActuationException.ofStatus(0, "timeout").retryable());
        assertTrue(ActuationException.ofStatus(-1, "timeout, as fabric8 8 reports it").retryable());
        assertFalse(ActuationException.ofStatus(403, "forbidden").retryable());
    }
}
