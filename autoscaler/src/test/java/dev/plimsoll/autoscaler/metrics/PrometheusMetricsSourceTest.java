package dev.plimsoll.autoscaler.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusMetricsSourceTest {
    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    /** A Prometheus stand-in on 127.0.0.1 answering each query through {@code answer}. */
    private URI serve(Function<String, String> answer, long delayMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String q = URLDecoder.decode(raw.substring(raw.indexOf('=') + 1), StandardCharsets.UTF_8);
            seen.put(q, "");
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.apply(q).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":"
                + "[1700000000.0,\"" + value + "\"]}]}}";
    }

    /** Plausible answers by what the query asks for. */
    private static String healthy(String q) {
        if (q.startsWith("histogram_quantile") && q.contains("time_to_first_token")) {
            return vector("0.4");
        }
        if (q.startsWith("histogram_quantile")) {
            return vector("0.03");
        }
        if (q.startsWith("time()")) {
            return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"value\":[1,\"7.5\"]}]}}";
        }
        if (q.contains(" / ")) {
            // Prometheus divides server-side: mean request sizes
            return q.contains("input_sequence") ? vector("500") : vector("180");
        }
        if (q.contains("increase(")) {
            return vector("600");
        }
        if (q.contains("kv_cache_usage")) {
            return vector("0.25");
        }
        if (q.contains("running")) {
            return vector("40");
        }
        if (q.contains("waiting")) {
            return vector("3");
        }
        return vector("20");
    }

    private static MetricsSnapshot read(URI uri, Duration timeout) {
        PrometheusMetricsSource source = new PrometheusMetricsSource(uri, timeout);
        return source.read(1_000_000, new PrometheusMetricsSource.FrontEnd("{job=\"frontend\"}",
                        EngineMetricNames.DYNAMO_FRONTEND),
                List.of(new PrometheusMetricsSource.PoolTarget("decode", "{pod=~\"decode-.*\"}", EngineMetricNames.VLLM,
                        4, 4)), 60, 0.9);
    }

    @Test
    void readsTheEnginesOwnNames() throws Exception {
        MetricsSnapshot s = read(serve(PrometheusMetricsSourceTest::healthy, 0), Duration.ofSeconds(2));
        assertTrue(s.complete(), s.toString());
        assertEquals(20, s.load().requestsPerS(), 1e-9);
        assertEquals(500, s.load().meanInputTokens(), 1e-9);
        assertEquals(180, s.load().meanOutputTokens(), 1e-9);
        assertTrue(seen.containsKey("sum(rate(dynamo_frontend_input_sequence_tokens_sum{job=\"frontend\"}[60s]))"
                + " / sum(rate(dynamo_frontend_input_sequence_tokens_count{job=\"frontend\"}[60s]))"), seen.toString());
        assertEquals(400, s.ttftMs(), 1e-9);
        assertEquals(30, s.itlMs(), 1e-9);
        assertEquals(600, s.latencySamples());
        assertEquals(7500, s.ageMs(), 1e-9);
        assertEquals(40, s.pool(0).runningRequests(), 1e-9);
        assertEquals(3, s.pool(0).waitingRequests(), 1e-9);
        assertEquals(0.25, s.pool(0).kvUsage(), 1e-9);
        assertTrue(seen.keySet().stream().anyMatch(q -> q.contains("dynamo_frontend_requests_started_total")));
        assertTrue(seen.keySet().stream().anyMatch(q -> q.contains("vllm:num_requests_waiting{pod=~\"decode-.*\"}")));
    }

    @Test
    void prometheusDownGivesAnIncompleteSnapshot() {
        MetricsSnapshot s = read(URI.create("http://127.0.0.1:9"), Duration.ofMillis(500));
        assertFalse(s.complete());
        assertTrue(Double.isNaN(s.load().requestsPerS()));
    }

    @Test
    void garbageAndNanSamplesAreMissingValues() throws Exception {
        MetricsSnapshot garbage = read(serve(q -> "<html>proxy error</html>", 0), Duration.ofSeconds(2));
        assertFalse(garbage.complete());
        stop();
        MetricsSnapshot nan = read(serve(q -> q.contains("kv_cache") ? vector("NaN") : healthy(q), 0),
                Duration.ofSeconds(2));
        assertFalse(nan.complete());
        assertTrue(Double.isNaN(nan.pool(0).kvUsage()));
        assertEquals(0.0, PrometheusMetricsSource.parse("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[1,\"0\"]}}"), 0);
        assertTrue(Double.isNaN(PrometheusMetricsSource.parse("{\"status\":\"error\"}")));
        assertTrue(Double.isNaN(PrometheusMetricsSource.parse("{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"vector\",\"result\":[]}}")));
    }

    @Test
    void aSlowPrometheusTimesOutIntoMissingValues() throws Exception {
        MetricsSnapshot s = read(serve(PrometheusMetricsSourceTest::healthy, 1500), Duration.ofMillis(200));
        assertFalse(s.complete());
        // the snapshot's queries share one deadline: after the first timed out, none more was sent
        assertEquals(1, seen.size(), seen.toString());
    }
}
