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
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
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
    /** Passes are counted from the controller's own metrics: the bounds below are in passes. */
    /**
     * Requests of the run: long prompts, short answers (a retrieval-augmented chat), so the prompt
     * work doubles with the rate while the decode pool has room to spare. The rates sit inside the
     * model's bands (two prefill workers from 22 to 44 req/s, three to 68), not on their edges.
     */
    private static final int INPUT_TOKENS = 2048;
    private static final int OUTPUT_TOKENS = 64;
    private static final double BASE_RATE = 26;

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> trace = new ArrayList<>();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
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
                        Duration.ofSeconds(45)), "Prometheus scraped the fleet: " + prometheus.logTail());
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

            // 1. the base load: the controller settles the fleet (after the rate window has filled)
            awaitPasses(fleet, metrics, RATE_WINDOW_MS / INTERVAL_MS + 1);
            int basePrefill = awaitSettled(fleet, metrics, "prefill");
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
            // bound, in the controller's passes (a loaded machine slows the clock, not the count): the
            // rate window's worth of passes for the measured rate to reach the new load, then two
            long upBound = RATE_WINDOW_MS / INTERVAL_MS + 2;
            long before = passes(metrics);
            long grewAfter = awaitReplicas(fleet, metrics, "prefill", n -> n >= need[0], upBound + 4);
            assertTrue(grewAfter >= 0 && grewAfter <= upBound, "prefill grew from " + basePrefill + " to >= "
                    + need[0] + " within " + upBound + " passes (took " + grewAfter + " of " + (passes(metrics)
                    - before) + "): " + trace);
            // the new workers come up (the emulator follows the Deployment) and the size settles
            int peakPrefill = awaitSettled(fleet, metrics, "prefill");
            int[] twiceDoubled = model.workersFor(new Load(4 * BASE_RATE, INPUT_TOKENS, OUTPUT_TOKENS),
                    CapacityModel.Correction.NONE);
            assertEquals(1, twiceDoubled[1], "the model: one decode worker carries even twice the doubled load");
            int maxDecode = trace.stream().mapToInt(LiveRunTest::decodeOf).max().orElse(-1);
            assertEquals(1, maxDecode, "the decode pool, whose load stayed light, did not grow: " + trace);
            status = status();
            assertEquals(2 * BASE_RATE, status.observedRequestsPerS, 0.35 * 2 * BASE_RATE, "measured doubled load: "
                    + status.lastDecisionReason);

            // 3. the load falls: the prefill pool shrinks, after the stabilisation window
            fleet.offer(new FleetEmulator.Offered(BASE_RATE / 2, INPUT_TOKENS, OUTPUT_TOKENS));
            // the rate window, the slow loop's floor (set at the high load, it lasts until the next
            // slow tick), the two-interval stabilisation window, and two passes of slack
            long downBound = (RATE_WINDOW_MS + SLOW_INTERVAL_MS) / INTERVAL_MS + 2 + 2;
            long shrankAfter = awaitReplicas(fleet, metrics, "prefill", n -> n < peakPrefill, downBound + 4);
            assertTrue(shrankAfter >= 0 && shrankAfter <= downBound, "prefill shrank below " + peakPrefill
                    + " within " + downBound + " passes (took " + shrankAfter + "): " + trace);
            // a scale-down is recommended over two intervals before it is taken: never on the first pass
            assertTrue(shrankAfter >= 2, "no scale-down before the window: " + shrankAfter);
            assertTrue(replicas("decode") >= 1);

            assertTrue(client.v1().events().inNamespace(NS).list().getItems().stream()
                    .anyMatch(e -> "Scaled".equals(e.getReason())), "Scaled events were recorded");
            assertNull(fleet.failure(), "the emulator ran without error");
        }
    }

    /** Passes the controller has made so far: the count of its decision-latency histogram. */
    private static long passes(ControllerMetrics metrics) {
        for (var snapshot : metrics.registry().scrape()) {
            if (snapshot instanceof HistogramSnapshot h) {
                return h.getDataPoints().stream().mapToLong(HistogramSnapshot.HistogramDataPointSnapshot::getCount)
                        .sum();
            }
        }
        return 0;
    }

    private int replicas(String pool) {
        return client.apps().deployments().inNamespace(NS).withName("llama-8b-" + pool).get().getSpec().getReplicas();
    }

    private ServingAutoscalerStatus status() {
        ServingAutoscaler r = client.resources(ServingAutoscaler.class).inNamespace(NS).withName("llama-8b-live").get();
        return r == null ? null : r.getStatus();
    }

    /** Waits for {@code count} more passes of the controller (at most two minutes). */
    private void awaitPasses(FleetEmulator fleet, ControllerMetrics metrics, long count) throws InterruptedException {
        long target = passes(metrics) + count;
        long end = System.nanoTime() + 120_000_000_000L;
        while (passes(metrics) < target && System.nanoTime() < end) {
            record(fleet);
            Thread.sleep(100);
        }
        assertTrue(passes(metrics) >= target, "the controller runs its passes: " + trace);
    }

    /**
     * Controller passes until {@code pool}'s spec.replicas satisfies {@code ok}; -1 when not within
     * {@code maxPasses} (or three minutes of wall time).
     */
    private long awaitReplicas(FleetEmulator fleet, ControllerMetrics metrics, String pool, IntPredicate ok,
                               long maxPasses) throws InterruptedException {
        long start = passes(metrics);
        long end = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < end && passes(metrics) - start <= maxPasses) {
            record(fleet);
            if (ok.test(replicas(pool))) {
                return passes(metrics) - start;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /**
     * Waits until {@code pool}'s workers are all ready and its size held over two passes (at most
     * twelve passes); answers the size.
     */
    private int awaitSettled(FleetEmulator fleet, ControllerMetrics metrics, String pool) throws InterruptedException {
        long start = passes(metrics);
        long heldSince = -1;
        int size = -1;
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end && passes(metrics) - start <= 12) {
            record(fleet);
            int n = replicas(pool);
            if (n != size || fleet.ready(pool) != n) {
                size = n;
                heldSince = fleet.ready(pool) == n ? passes(metrics) : -1;
            } else if (heldSince < 0) {
                heldSince = passes(metrics);
            } else if (passes(metrics) - heldSince >= 2) {
                return n;
            }
            Thread.sleep(100);
        }
        fail(pool + " did not settle within twelve passes: " + trace);
        return -1;
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
