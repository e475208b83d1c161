package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.actuate.KubernetesActuator;
import dev.plimsoll.autoscaler.actuate.ScaleTarget;
import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import dev.plimsoll.autoscaler.reconcile.RetryPolicy;
import dev.plimsoll.autoscaler.reconcile.ScalingLoop;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API-server faults against the real actuator and the controller's client configuration
 * ({@link ControllerClient}): fabric8's mock server in expectations mode answers the scale
 * subresource with conflicts, server errors and answers slower than the request timeout. The loop
 * retries with backoff a bounded number of times (the client itself does not retry, or a 503 would
 * cost dozens of requests), never sends the same size twice, stops when the lease goes, and acts
 * once the fault clears.
 */
@EnableKubernetesMockClient
class ApiServerFaultsTest {
    private static final String SCALE = "/apis/apps/v1/namespaces/llm/deployments/decode/scale";
    private static final int TEST_TIMEOUT_MS = 1_000;

    KubernetesMockServer server;
    KubernetesClient mockClient;

    private KubernetesClient client;
    private final List<Long> sleeps = new ArrayList<>();
    /** The replicas the snapshot reports. */
    private final AtomicInteger observed = new AtomicInteger(2);

    @BeforeEach
    void controllerClient() {
        client = new KubernetesClientBuilder().withConfig(ControllerClient.configure(mockClient.getConfiguration(),
                TEST_TIMEOUT_MS)).build();
        server.expect().get().withPath(SCALE).andReturn(200, scale(2)).always();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static String scale(int replicas) {
        return "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"decode\",\"namespace\":"
                + "\"llm\",\"resourceVersion\":\"7\"},\"spec\":{\"replicas\":" + replicas + "},\"status\":{\"replicas\":"
                + replicas + "}}";
    }

    private static String status(int code, String reason) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}";
    }

    private MetricsSnapshot snapshot(double nowMs) {
        int n = observed.get();
        return new MetricsSnapshot(nowMs, 0, new Load(30, 1000, 200), 300, 30, 500,
                List.of(new PoolMetrics("decode", n, n, 50, 0, 0.3)));
    }

    /** Wants five workers. */
    private static final ScalingPolicy FIVE = new ScalingPolicy() {
        @Override
        public String name() {
            return "five";
        }

        @Override
        public Decision decide(MetricsSnapshot s) {
            return new Decision(new int[] {5}, "want 5", 30);
        }
    };

    private ScalingLoop loop(java.util.function.BooleanSupplier leader, java.util.function.LongConsumer sleeper) {
        return new ScalingLoop(this::snapshot, FIVE, new KubernetesActuator(client, java.util.Map.of("decode",
                ScaleTarget.deployment("llm", "decode"))), List.of("decode"), RetryPolicy.DEFAULT, sleeper, leader);
    }

    /** The scale writes the server received since the last call (reads of the subresource apart). */
    private List<String> writes() throws InterruptedException {
        List<String> out = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            if (!r.getMethod().equals("GET")) {
                out.add(r.getMethod() + " " + r.getPath());
            }
        }
        return out;
    }

    @Test
    void aConflictIsRetriedAfterABackoffAndTheSizeSentOnce() throws Exception {
        server.expect().put().withPath(SCALE).andReturn(409, status(409, "Conflict")).once();
        server.expect().put().withPath(SCALE).andReturn(200, scale(5)).once();
        ScalingLoop loop = loop(() -> true, sleeps::add);
        LoopStatus s = loop.step(0);
        assertEquals(List.of("decode=5"), s.actions());
        assertEquals(List.of("PUT " + SCALE, "PUT " + SCALE), writes());
        assertEquals(List.of(200L), sleeps, "one backoff between the two attempts");
        // the observed replicas still say 2 (a lagging cache): the next pass does not send 5 again
        LoopStatus again = loop.step(15_000);
        assertTrue(again.actions().isEmpty(), again.actions().toString());
        assertTrue(writes().isEmpty());
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesAndTheLoopRecovers() throws Exception {
        server.expect().put().withPath(SCALE).andReturn(503, status(503, "ServiceUnavailable")).times(4);
        server.expect().put().withPath(SCALE).andReturn(200, scale(5)).once();
        ScalingLoop loop = loop(() -> true, sleeps::add);
        LoopStatus failed = loop.step(0);
        assertEquals(1, failed.errors());
        assertTrue(failed.conditions().stream().anyMatch(c -> c.startsWith("ActuationFailed=True")
                && c.contains("503")), failed.conditions().toString());
        assertEquals(4, writes().size(), "four attempts (the client adds no retries of its own)");
        assertEquals(List.of(200L, 400L, 800L), sleeps);
        LoopStatus ok = loop.step(15_000);
        assertEquals(List.of("decode=5"), ok.actions(), "the fault cleared");
        assertEquals(1, writes().size());
        observed.set(5);
        LoopStatus steady = loop.step(30_000);
        assertTrue(steady.actions().isEmpty());
        assertTrue(writes().isEmpty(), "nothing sent once the size is there");
    }

    @Test
    void answersSlowerThanTheRequestTimeoutAreRetryableFailures() throws Exception {
        server.expect().put().delay(2 * TEST_TIMEOUT_MS).withPath(SCALE).andReturn(200, scale(5)).times(4);
        server.expect().put().withPath(SCALE).andReturn(200, scale(5)).once();
        ScalingLoop loop = loop(() -> true, sleeps::add);
        long t0 = System.nanoTime();
        LoopStatus failed = loop.step(0);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, failed.errors(), failed.conditions().toString());
        assertEquals(4, writes().size(), "each timed-out attempt counts; the client does not resend");
        // four attempts of at most the request timeout each (the backoffs are recorded, not slept)
        assertTrue(tookMs < 4 * (TEST_TIMEOUT_MS + 1_000), tookMs + " ms");
        assertEquals(List.of("decode=5"), loop.step(15_000).actions());
    }

    @Test
    void theLeaseLostDuringTheBackoffStopsTheAction() throws Exception {
        server.expect().put().withPath(SCALE).andReturn(409, status(409, "Conflict")).always();
        AtomicBoolean leader = new AtomicBoolean(true);
        LoopStatus s = loop(leader::get, ms -> leader.set(false)).step(0);
        assertEquals(1, writes().size(), "no attempt after the lease went");
        assertTrue(s.conditions().stream().anyMatch(c -> c.contains("leadership lost")), s.conditions().toString());
        LoopStatus follower = loop(leader::get, sleeps::add).step(15_000);
        assertTrue(follower.conditions().stream().anyMatch(c -> c.startsWith("NotLeader=True")));
        assertTrue(writes().isEmpty());
    }

    @Test
    void aForbiddenRequestIsNotRetried() throws Exception {
        server.expect().put().withPath(SCALE).andReturn(403, status(403, "Forbidden")).always();
        LoopStatus s = loop(() -> true, sleeps::add).step(0);
        assertEquals(1, s.errors());
        assertEquals(1, writes().size());
        assertTrue(sleeps.isEmpty());
    }
}
