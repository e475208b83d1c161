package dev.plimsoll.autoscaler.controller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The controller's HTTP endpoints: {@code /healthz} (liveness: the scheduler runs),
 * {@code /readyz} (readiness: resources loaded, informers synced) and {@code /metrics}
 * (Prometheus text format, through the Java client's {@link MetricsHandler}).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    /** Binds {@code host:port} (port 0: an ephemeral one) and starts serving. */
    public HealthServer(String host, int port, PrometheusRegistry registry, BooleanSupplier live,
                        BooleanSupplier ready) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", e -> answer(e, live.getAsBoolean()));
        server.createContext("/readyz", e -> answer(e, ready.getAsBoolean()));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plimsoll-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange e, boolean ok) throws IOException {
        byte[] body = (ok ? "ok\n" : "not ok\n").getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        e.sendResponseHeaders(ok ? 200 : 503, body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
