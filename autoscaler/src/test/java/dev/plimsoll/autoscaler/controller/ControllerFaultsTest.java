package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerStatus;
import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One resource's passes as the controller runs them ({@link ResourceReconciler}: the Prometheus
 * source, the Plimsoll policy, the Kubernetes actuator, status) against the mock API server in
 * CRUD mode and a {@link FakePrometheus}, on a virtual clock (one interval per pass): bad metrics
 * of every kind never scale down, and the fleet follows the load again once they are good for a
 * window; a target edited by hand is taken as the current size and corrected with one request;
 * workers that never get ready stop further scale-ups until they do.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerFaultsTest {
    private static final String DEPLOYMENT = "llama-8b-vllm";
    private static final long INTERVAL_MS = 6_000;

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;
    private FakePrometheus prometheus;
    private ResourceReconciler reconciler;
    private long nowMs = 1_700_000_000_000L;

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.slowMs = 3_000;
        // the example resource with a 6 s interval (its snapshot timeout is then 2 s) and a 12 s start-up
        String yaml = Files.readString(Path.of("..", "deploy", "examples", "serving-autoscaler.yaml"))
                .replace("http://prometheus-operated.monitoring:9090", prometheus.url().toString())
                .replace("intervalSeconds: 15", "intervalSeconds: 6").replace("startupSeconds: 60", "startupSeconds: 12")
                .replace("maxReplicas: 8", "maxReplicas: 16").replace("gpuBudget: 8", "gpuBudget: 16");
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, yaml);
        ServingAutoscaler resource = client.resources(ServingAutoscaler.class).inNamespace("llm")
                .resource(ConfigFile.read(file)).create();
        setReplicas(4, 4);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(nowMs);
            }
        };
        reconciler = new ResourceReconciler(client, resource, new ModelPolicyFactory(Fixtures.REGISTRY)
                .apply(resource), ResourceReconciler.prometheus(resource.getSpec()), () -> true,
                new ControllerMetrics(), clock);
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private void setReplicas(int spec, int ready) {
        if (client.apps().deployments().inNamespace("llm").withName(DEPLOYMENT).get() == null) {
            client.apps().deployments().inNamespace("llm").resource(new DeploymentBuilder().withNewMetadata()
                    .withName(DEPLOYMENT).withNamespace("llm").endMetadata().withNewSpec().withReplicas(spec)
                    .endSpec().withNewStatus().withReadyReplicas(ready).endStatus().build()).create();
            return;
        }
        client.apps().deployments().inNamespace("llm").withName(DEPLOYMENT).edit(d -> {
            d.getSpec().setReplicas(spec);
            return d;
        });
        setReady(ready);
    }

    private void setReady(int ready) {
        client.apps().deployments().inNamespace("llm").withName(DEPLOYMENT).editStatus(d -> {
            d.getStatus().setReadyReplicas(ready);
            return d;
        });
    }

    private int replicas() {
        return client.apps().deployments().inNamespace("llm").withName(DEPLOYMENT).get().getSpec().getReplicas();
    }

    /** One pass, an interval after the last; the Deployment's pods get ready at once unless told otherwise. */
    private LoopStatus pass(boolean podsGetReady) {
        nowMs += INTERVAL_MS;
        LoopStatus s = reconciler.reconcileOnce();
        if (podsGetReady) {
            setReady(replicas());
        }
        return s;
    }

    private ServingAutoscalerStatus status() {
        return client.resources(ServingAutoscaler.class).inNamespace("llm").withName("llama-8b").get().getStatus();
    }

    /** Scale writes the API server got since the last call. */
    private List<String> scaleWrites() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(5, TimeUnit.MILLISECONDS)) != null) {
            if (r.getPath().endsWith("/scale") && !r.getMethod().equals("GET")) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        }
        return out;
    }

    @Test
    void badMetricsNeverScaleDownAndTheFleetFollowsTheLoadOnceTheyAreGoodAgain() throws Exception {
        prometheus.ratePerS = 100;
        prometheus.running = 400;
        for (int i = 0; i < 4; i++) {
            pass(true);
        }
        int busy = replicas();
        assertTrue(busy > 4, "100 req/s of 1024 + 256 tokens needs more than 4 H100s: " + status().lastDecisionReason);

        // the load falls to a tenth, but each kind of bad data in turn hides it
        prometheus.ratePerS = 10;
        prometheus.running = 20;
        prometheus.down();
        assertHolds(busy, "down");
        prometheus.up();
        for (FakePrometheus.Fault f : List.of(FakePrometheus.Fault.SLOW, FakePrometheus.Fault.GARBAGE,
                FakePrometheus.Fault.NAN, FakePrometheus.Fault.STALE)) {
            prometheus.fault = f;
            long t0 = System.nanoTime();
            assertHolds(busy, f.name());
            assertTrue((System.nanoTime() - t0) / 1e6 < 2_000 + 1_500, f + ": a pass is bounded by the snapshot's"
                    + " deadline");
        }
        // good again: first a window of good metrics, then the fleet shrinks to the load
        prometheus.fault = FakePrometheus.Fault.NONE;
        LoopStatus first = pass(true);
        assertEquals(busy, replicas(), "no scale-down on the first good window after a gap: " + first.reason());
        int shrinkPasses = 0;
        while (replicas() >= busy && shrinkPasses < 4) {
            pass(true);
            shrinkPasses++;
        }
        assertTrue(replicas() < busy, "shrank within four passes: " + status().lastDecisionReason);
        assertTrue(status().conditions.stream().anyMatch(c -> c.getType().equals("MetricsAvailable")
                && c.getStatus().equals("True")));
    }

    private void assertHolds(int replicas, String fault) {
        LoopStatus s = pass(true);
        assertEquals(replicas, replicas(), fault + ": " + s.reason());
        assertTrue(s.reason().contains("hold"), fault + ": " + s.reason());
        assertTrue(status().conditions.stream().anyMatch(c -> c.getType().equals("MetricsAvailable")
                && c.getStatus().equals("False")), fault + ": the status says why");
    }

    @Test
    void aTargetEditedByHandIsTheCurrentSizeAndIsCorrectedWithOneRequest() throws Exception {
        prometheus.ratePerS = 60;
        prometheus.running = 200;
        // past the policy's warm-up (no ready worker drained before its forecast has four errors) and
        // its two-pass stabilisation window: the size the load needs
        for (int i = 0; i < 8; i++) {
            pass(true);
        }
        int steady = replicas();
        scaleWrites();
        // someone runs kubectl scale --replicas=12, and the pods come up
        setReplicas(12, 12);
        LoopStatus s = pass(true);
        assertEquals(12, s.current()[0], "the hand-set size is the current one");
        assertEquals(steady, replicas(), "scaled back to what the load needs: " + s.reason());
        assertEquals(1, scaleWrites().size(), "one request");
        for (int i = 0; i < 3; i++) {
            pass(true);
        }
        assertEquals(steady, replicas());
        assertTrue(scaleWrites().isEmpty(), "no further requests while the size holds");
    }

    @Test
    void workersThatNeverGetReadyStopFurtherScaleUpsUntilTheyDo() throws Exception {
        prometheus.ratePerS = 60;
        prometheus.running = 200;
        for (int i = 0; i < 3; i++) {
            pass(true);
        }
        int ready = replicas();
        // the load keeps rising and the new pods never get ready (no GPU free, an image that will not pull)
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            prometheus.ratePerS = 100 + 20 * i;
            prometheus.running = 300 + 60 * i;
            pass(false);
            sizes.add(replicas());
        }
        assertTrue(sizes.get(0) > ready, "asked for more: " + sizes);
        // stuck after three start-ups (36 s, six passes): the size stops growing
        int last = sizes.get(sizes.size() - 1);
        assertEquals(last, sizes.get(sizes.size() - 4), "no further growth while none get ready: " + sizes);
        assertTrue(status().lastDecisionReason.contains("not ready"), status().lastDecisionReason);
        // they get ready: it grows again
        setReady(last);
        pass(true);
        assertTrue(replicas() > last, "grows once the workers are ready: " + status().lastDecisionReason);
    }
}
