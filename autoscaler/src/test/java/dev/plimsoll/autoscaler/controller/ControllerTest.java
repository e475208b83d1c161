package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerStatus;
import dev.plimsoll.autoscaler.metrics.PrometheusMetricsSource;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller against fabric8's mock API server in CRUD mode, metrics from a stub. */
@EnableKubernetesMockClient(crud = true)
class ControllerTest {
    KubernetesMockServer server;
    KubernetesClient client;
    private ServingAutoscaler resource;

    @BeforeEach
    void createResourceAndTarget() {
        resource = ConfigFile.read(Path.of("..", "deploy", "examples", "serving-autoscaler.yaml"));
        resource = client.resources(ServingAutoscaler.class).inNamespace("llm").resource(resource).create();
        client.apps().deployments().inNamespace("llm").resource(new DeploymentBuilder().withNewMetadata()
                .withName("llama-8b-vllm").withNamespace("llm").endMetadata().withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReadyReplicas(1).endStatus().build()).create();
    }

    /** A busy fleet: 40 req/s offered to one worker with a deep queue and a full KV cache. */
    private static MetricsSnapshot busy(double nowMs, List<PrometheusMetricsSource.PoolTarget> pools) {
        List<PoolMetrics> out = new ArrayList<>();
        for (PrometheusMetricsSource.PoolTarget p : pools) {
            out.add(new PoolMetrics(p.pool(), p.readyReplicas(), p.provisionedReplicas(), 256, 200, 0.98));
        }
        return new MetricsSnapshot(nowMs, 1000, new Load(40, 1024, 256), 2500, 60, 500, out);
    }

    private ResourceReconciler reconciler(BooleanSupplier leader, ControllerMetrics metrics) {
        return new ResourceReconciler(client, resource, new ModelPolicyFactory(Fixtures.REGISTRY).apply(resource),
                ControllerTest::busy, leader, metrics, Clock.systemUTC());
    }

    private int replicas() {
        return client.apps().deployments().inNamespace("llm").withName("llama-8b-vllm").get().getSpec().getReplicas();
    }

    @Test
    void oneCycleScalesTheDeploymentWritesStatusAndRecordsAnEvent() {
        ControllerMetrics metrics = new ControllerMetrics();
        LoopStatus pass = reconciler(() -> true, metrics).reconcileOnce();
        assertNotNull(pass);
        assertTrue(pass.desired()[0] > 1, "a queue of 200 on one worker asks for more: " + pass.reason());
        assertEquals(pass.desired()[0], replicas(), "the Deployment follows the decision");
        ServingAutoscalerStatus status = client.resources(ServingAutoscaler.class).inNamespace("llm")
                .withName("llama-8b").get().getStatus();
        assertNotNull(status, "status written through the status subresource");
        assertEquals(pass.desired()[0], status.pools.get(0).desiredReplicas);
        assertEquals(1, status.pools.get(0).currentReplicas);
        assertEquals(40.0, status.observedRequestsPerS, 1e-9);
        List<Event> events = client.v1().events().inNamespace("llm").list().getItems();
        assertEquals(1, events.size());
        assertEquals("Scaled", events.get(0).getReason());
        assertEquals("llama-8b", events.get(0).getInvolvedObject().getName());
    }

    @Test
    void aLostLeaseStopsActions() throws Exception {
        try (Leadership lease = new Leadership(client, "llm", "plimsoll-autoscaler", "me", Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMillis(250))) {
            assertTrue(waitFor(lease, true, 10_000), "won the free lease");
            // another replica takes the lease (as after a network partition); ours cannot renew it.
            // The elector renews concurrently: a 409 on our write is retried, at most 50 times.
            boolean taken = false;
            for (int attempt = 0; attempt < 50 && !taken; attempt++) {
                try {
                    client.leases().inNamespace("llm").withName("plimsoll-autoscaler").edit(l -> {
                        l.getSpec().setHolderIdentity("other");
                        l.getSpec().setLeaseDurationSeconds(3600);
                        l.getSpec().setRenewTime(ZonedDateTime.now());
                        return l;
                    });
                    taken = true;
                } catch (KubernetesClientException e) {
                    assertEquals(409, e.getCode(), e.getMessage());
                }
            }
            assertTrue(taken, "the lease could be taken over");
            assertTrue(waitFor(lease, false, 10_000), "lost the lease");
            LoopStatus pass = reconciler(lease, new ControllerMetrics()).reconcileOnce();
            assertTrue(pass.actions().isEmpty());
            assertEquals(1, replicas(), "no scale request without the lease");
            assertTrue(client.v1().events().inNamespace("llm").list().getItems().isEmpty(), "no event either");
            Lease l = client.leases().inNamespace("llm").withName("plimsoll-autoscaler").get();
            assertEquals("other", l.getSpec().getHolderIdentity());
        }
    }

    /** Polls at most {@code timeoutMs}. */
    private static boolean waitFor(BooleanSupplier s, boolean value, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            if (s.getAsBoolean() == value) {
                return true;
            }
            Thread.sleep(50);
        }
        return s.getAsBoolean() == value;
    }

    @Test
    void theInformerStartsALoopPerResource() throws Exception {
        AtomicBoolean built = new AtomicBoolean();
        try (Controller c = new Controller(client, r -> {
            built.set(true);
            return reconciler(() -> false, new ControllerMetrics());
        }, 1)) {
            c.watch("llm");
            assertTrue(waitFor(c::ready, true, 10_000), "informer synced");
            assertTrue(waitFor(() -> c.resources() == 1, true, 10_000));
            assertTrue(built.get());
            client.resources(ServingAutoscaler.class).inNamespace("llm").withName("llama-8b").delete();
            assertTrue(waitFor(() -> c.resources() == 0, true, 10_000), "deleted resource stops its loop");
        }
    }

    @Test
    void metricsAndHealthAnswerOnAnEphemeralPort() throws Exception {
        ControllerMetrics metrics = new ControllerMetrics();
        reconciler(() -> true, metrics).reconcileOnce();
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer http = new HealthServer("127.0.0.1", 0, metrics.registry(), () -> true, ready::get)) {
            HttpClient h = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + http.port();
            assertEquals(200, get(h, base + "/healthz").statusCode());
            assertEquals(503, get(h, base + "/readyz").statusCode());
            ready.set(true);
            assertEquals(200, get(h, base + "/readyz").statusCode());
            HttpResponse<String> m = get(h, base + "/metrics");
            assertEquals(200, m.statusCode());
            int desired = replicas();
            assertTrue(m.body().contains("plimsoll_autoscaler_desired_replicas{autoscaler=\"llama-8b\","
                    + "namespace=\"llm\",pool=\"aggregated\"} " + desired + ".0"), m.body());
            assertTrue(m.body().contains("plimsoll_autoscaler_decision_seconds_count"), m.body());
            assertTrue(m.body().contains("plimsoll_autoscaler_predicted_requests_per_second"), m.body());
        }
    }

    private static HttpResponse<String> get(HttpClient h, String url) throws Exception {
        return h.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
