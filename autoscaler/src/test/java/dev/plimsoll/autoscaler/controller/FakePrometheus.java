package dev.plimsoll.autoscaler.controller;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A stand-in for the Prometheus HTTP API on 127.0.0.1 that answers the controller's instant
 * queries from a few numbers, and misbehaves on demand: down (nothing listens), slow, garbage,
 * NaN samples, stale samples.
 */
final class FakePrometheus implements AutoCloseable {
    enum Fault { NONE, SLOW, GARBAGE, NAN, STALE }

    private final int port;
    private HttpServer server;
    volatile double ratePerS = 20;
    volatile double running = 40;
    volatile double waiting = 0;
    volatile double kvUsage = 0.2;
    volatile Fault fault = Fault.NONE;
    /** How long a slow answer takes. */
    volatile long slowMs = 3_000;

    FakePrometheus() throws IOException {
        server = create(0);
        port = server.getAddress().getPort();
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops listening: connections are refused. */
    void down() {
        server.stop(0);
        server = null;
    }

    /** Listens again on the same port. */
    void up() throws IOException {
        server = create(port);
        server.start();
    }

    private HttpServer create(int on) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
        s.createContext("/api/v1/query", exchange -> {
            String raw = exchange.getRequestURI().getRawQuery();
            String q = URLDecoder.decode(raw.substring(raw.indexOf('=') + 1), StandardCharsets.UTF_8);
            Fault f = fault;
            if (f == Fault.SLOW) {
                try {
                    Thread.sleep(slowMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (f == Fault.GARBAGE ? "<html><body>502 Bad Gateway</body></html>" : answer(q, f))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        return s;
    }

    private String answer(String q, Fault f) {
        if (q.startsWith("time()")) {
            // a fresh scrape is a second old; a stale one ten minutes
            return vector(f == Fault.STALE ? 600 : 1);
        }
        if (q.startsWith("histogram_quantile")) {
            return vector(q.contains("time_to_first_token") ? 0.3 : 0.02);
        }
        if (q.contains(" / ")) {
            return vector(q.contains("input_sequence") ? 1024 : 256);
        }
        if (q.contains("increase(")) {
            return vector(500);
        }
        if (q.contains("kv_cache_usage")) {
            return vector(f == Fault.NAN ? Double.NaN : kvUsage);
        }
        if (q.contains("num_requests_running")) {
            return vector(running);
        }
        if (q.contains("num_requests_waiting")) {
            return vector(waiting);
        }
        return vector(ratePerS);
    }

    private static String vector(double value) {
        String v = Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.6f", value);
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":"
                + "[1700000000.0,\"" + v + "\"]}]}}";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
