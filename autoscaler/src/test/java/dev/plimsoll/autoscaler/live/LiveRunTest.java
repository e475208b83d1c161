package dev.plimsoll.autoscaler.live;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.autoscaler.controller.ConfigFile;
import dev.plimsoll.autoscaler.controller.Controller;
import dev.plimsoll.autoscaler.controller.ControllerMetrics;
import dev.plimsoll.autoscaler.controller.Leadership;
import dev.plimsoll.autoscaler.controller.ModelPolicyFactory;
import dev.plimsoll.autoscaler.controller.ResourceReconciler;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerStatus;
import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.sizing.TransferLinks;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The live run on one machine: a fleet emulator (simulated vLLM prefill and decode workers behind a
 * Dynamo-like front end, serving the real metric names over HTTP on 127.0.0.1), Debian's
 * Prometheus scraping it every second, and the controller as {@code plimsoll autoscale run --watch}
 * wires it (informer, Lease, Plimsoll policy from the resource, Prometheus source, Kubernetes
 * actuator, status, Events) against fabric8's mock API server in CRUD mode, whose Deployments the
 * emulator follows. Offered load doubles (more long-prompt requests): the prefill pool grows to
 * what the model says the doubled load needs within a bounded number of intervals while the decode
 * pool, whose token load barely moves, stays small; the load falls: the prefill pool shrinks once
 * the stabilisation window has passed.
 */
@EnableKubernetesMockClient(crud = true)
class LiveRunTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRunTest.class);
    private static final String NS = "llm";
    /** The resource's clocks (src/test/resources/live/serving-autoscaler.yaml). */
    private static final long INTERVAL_MS = 2_000;
    private static final long SLOW_INTERVAL_MS = 6_000;
    private static final long RATE_WINDOW_MS = 4_000;
    /** Requests of the run: long prompts, short answers (a retrieval-augmented chat). */
    private static final int INPUT_TOKENS = 2048;
    private static final int OUTPUT_TOKENS = 128;
    private static final double BASE_RATE = 30;

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> trace = new ArrayList<>();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void thePrefillPoolFollowsTheLoadThroughPrometheus(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        for (String name : List.of("llama-8b-prefill", "llama-8b-decode")) {
            client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata()
                    .withName(name).withNamespace(NS).endMetadata().withNewSpec().withReplicas(1).endSpec()
                    .withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus().build()).create();
        }
        // the workers the controller's model is built from: Llama 3.1 8B, H100, tp1, as the resource says
        BuiltEngine engine = Fixtures.engine("llama-3.1-8b", "h100-sxm", new Parallelism(1, 1, 1, 1), 8192);
        double transferMs = TransferLinks.between(engine, engine).transferMs(INPUT_TOKENS
                * engine.replica().engine().kvBytesPerToken());
        List<FleetEmulator.Pool> pools = List.of(
                new FleetEmulator.Pool("prefill", "llama-8b-prefill", EmulatedEngine.Role.PREFILL, engine.steps(), 256,
                        8192, engine.kvTokensPerRank()),
                new FleetEmulator.Pool("decode", "llama-8b-decode", EmulatedEngine.Role.DECODE, engine.steps(), 256,
                        8192, engine.kvTokensPerRank()));
        try (FleetEmulator fleet = new FleetEmulator(client, NS, "llama-3.1-8b", pools, 2_000, transferMs)) {
            fleet.offer(new FleetEmulator.Offered(BASE_RATE, INPUT_TOKENS, OUTPUT_TOKENS));
            fleet.start();
            try (PrometheusServer prometheus = PrometheusServer.start(fleet.port(), dir)) {
                assertTrue(prometheus.awaitValue("sum(rate(dynamo_frontend_requests_started_total[4s]))",
                        Duration.ofSeconds(20)), "Prometheus scraped the fleet: " + prometheus.logTail());
                LOG.info("Prometheus up and scraping after {} ms", (System.nanoTime() - t0) / 1_000_000);
                ServingAutoscaler resource = resource(dir, prometheus);
                CapacityModel model = new ModelPolicyFactory(Fixtures.REGISTRY).model(resource);
                client.resources(ServingAutoscaler.class).inNamespace(NS).resource(resource).create();
                run(fleet, model, resource);
            }
        }
        LOG.info("live run took {} s", (System.nanoTime() - t0) / 1_000_000_000);
    }

    private ServingAutoscaler resource(Path dir, PrometheusServer prometheus) throws Exception {
        String yaml = new String(getClass().getResourceAsStream("/live/serving-autoscaler.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("http://127.0.0.1:9090", prometheus.url().toString());
        Path file = dir.resolve("serving-autoscaler.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.read(file);
    }

    private void run(FleetEmulator fleet, CapacityModel model, ServingAutoscaler resource) throws Exception {
        ModelPolicyFactory policies = new ModelPolicyFactory(Fixtures.REGISTRY);
        ControllerMetrics metrics = new ControllerMetrics();
        try (Leadership lease = new Leadership(client, NS, "plimsoll-autoscaler", "live-run", Duration.ofSeconds(4),
                Duration.ofSeconds(3), Duration.ofMillis(500));
             Controller controller = new Controller(client, r -> new ResourceReconciler(client, r, policies.apply(r),
                     ResourceReconciler.prometheus(r.getSpec()), lease, metrics, Clock.systemUTC()), 1)) {
            controller.watch(NS);

            // 1. the base load: the controller settles the fleet
            sleepWatching(fleet, 6 * INTERVAL_MS);
            int basePrefill = replicas("prefill");
            int baseDecode = replicas("decode");
            ServingAutoscalerStatus status = status();
            assertNotNull(status, "the controller wrote the status: " + trace);
            assertNotNull(status.observedRequestsPerS, "load read through Prometheus: " + status.lastDecisionReason);
            assertEquals(BASE_RATE, status.observedRequestsPerS, 0.35 * BASE_RATE,
                    "the offered load as Prometheus measured it: " + trace);

            // 2. the load doubles: the prefill pool must grow to what the doubled load needs
            Load doubled = new Load(2 * BASE_RATE, INPUT_TOKENS, OUTPUT_TOKENS);
            int[] need = model.workersFor(doubled, CapacityModel.Correction.NONE);
            assertTrue(need[0] > basePrefill, "the doubled load needs more prefill workers than the base: " + need[0]
                    + " vs " + basePrefill);
            fleet.offer(new FleetEmulator.Offered(2 * BASE_RATE, INPUT_TOKENS, OUTPUT_TOKENS));
            // bound: the rate window, then a pass to decide and a pass's slack, in intervals
            long upBoundMs = RATE_WINDOW_MS + 4 * INTERVAL_MS;
            long grewAfter = awaitReplicas(fleet, "prefill", n -> n >= need[0], upBoundMs + 4 * INTERVAL_MS);
            assertTrue(grewAfter >= 0 && grewAfter <= upBoundMs, "prefill grew from " + basePrefill + " to >= "
                    + need[0] + " within " + upBoundMs + " ms (took " + grewAfter + " ms): " + trace);
            // the new workers come up (the emulator follows the Deployment) and the load is measured
            awaitReady(fleet, "prefill", 3 * INTERVAL_MS + 2_000);
            sleepWatching(fleet, 2 * INTERVAL_MS);
            int peakPrefill = replicas("prefill");
            int[] twiceDoubled = model.workersFor(new Load(4 * BASE_RATE, INPUT_TOKENS, OUTPUT_TOKENS),
                    CapacityModel.Correction.NONE);
            int maxDecode = trace.stream().mapToInt(LiveRunTest::decodeOf).max().orElse(-1);
            assertTrue(maxDecode <= Math.max(baseDecode, twiceDoubled[1]), "the decode pool, whose token load hardly"
                    + " moved, stayed within what twice the doubled load needs (" + twiceDoubled[1] + "): " + trace);
            status = status();
            assertEquals(2 * BASE_RATE, status.observedRequestsPerS, 0.35 * 2 * BASE_RATE, "measured doubled load: "
                    + status.lastDecisionReason);

            // 3. the load falls: the prefill pool shrinks, after the stabilisation window
            fleet.offer(new FleetEmulator.Offered(BASE_RATE / 2, INPUT_TOKENS, OUTPUT_TOKENS));
            long fellAt = System.nanoTime();
            long downBoundMs = RATE_WINDOW_MS + SLOW_INTERVAL_MS + 2 * INTERVAL_MS + 4 * INTERVAL_MS;
            long shrankAfter = awaitReplicas(fleet, "prefill", n -> n < peakPrefill, downBoundMs + 4 * INTERVAL_MS);
            assertTrue(shrankAfter >= 0 && shrankAfter <= downBoundMs, "prefill shrank below " + peakPrefill
                    + " within " + downBoundMs + " ms (took " + shrankAfter + " ms): " + trace);
            // a scale-down is recommended over two intervals before it is taken
            assertTrue((System.nanoTime() - fellAt) / 1e6 >= 2 * INTERVAL_MS, "no scale-down before the window");
            assertTrue(replicas("decode") >= 1);

            assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream()
                    .anyMatch(e -> "Scaled".equals(e.getReason())), "Scaled events were recorded");
            assertNull(fleet.failure(), "the emulator ran without error");
        }
    }

    private int replicas(String pool) {
        return client.apps().deployments().inNamespace(NS).withName("llama-8b-" + pool).get().getSpec().getReplicas();
    }

    private ServingAutoscalerStatus status() {
        ServingAutoscaler r = client.resources(ServingAutoscaler.class).inNamespace(NS).withName("llama-8b-live").get();
        return r == null ? null : r.getStatus();
    }

    /** Samples the fleet every 250 ms for {@code ms}. */
    private void sleepWatching(FleetEmulator fleet, long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            record(fleet);
            Thread.sleep(250);
        }
    }

    /** Milliseconds until {@code pool}'s spec.replicas satisfies {@code ok}; -1 when not within {@code timeoutMs}. */
    private long awaitReplicas(FleetEmulator fleet, String pool, IntPredicate ok, long timeoutMs)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeoutMs * 1_000_000;
        while (System.nanoTime() < end) {
            record(fleet);
            if (ok.test(replicas(pool))) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private void awaitReady(FleetEmulator fleet, String pool, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < end) {
            record(fleet);
            if (fleet.ready(pool) == replicas(pool)) {
                return;
            }
            Thread.sleep(250);
        }
        fail(pool + ": the emulator did not bring up " + replicas(pool) + " workers: " + trace);
    }

    private void record(FleetEmulator fleet) {
        ServingAutoscalerStatus s = status();
        String line = String.format(Locale.ROOT, "prefill %d/%d decode %d/%d load %s", fleet.ready("prefill"),
                replicas("prefill"), fleet.ready("decode"), replicas("decode"),
                s == null || s.observedRequestsPerS == null ? "-" : String.format(Locale.ROOT, "%.1f",
                        s.observedRequestsPerS));
        if (trace.isEmpty() || !trace.get(trace.size() - 1).equals(line)) {
            trace.add(line);
            LOG.info("{} ({})", line, s == null ? "" : s.lastDecisionReason);
        }
    }

    private static int decodeOf(String line) {
        String after = line.substring(line.indexOf("decode ") + 7);
        return Integer.parseInt(after.substring(after.indexOf('/') + 1, after.indexOf(' ')));
    }
}
