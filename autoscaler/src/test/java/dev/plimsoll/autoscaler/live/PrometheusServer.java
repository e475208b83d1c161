package dev.plimsoll.autoscaler.live;

import dev.plimsoll.autoscaler.metrics.PrometheusMetricsSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, 2.42) for the live run: started on
 * 127.0.0.1 with a temporary configuration and data directory, scraping one target every second,
 * stopped on {@link #close}. Every wait is bounded. A missing binary is an error that says how to
 * install it: the live run is part of {@code mvn verify} and must not pass without it.
 */
final class PrometheusServer implements AutoCloseable {
    /** Where Debian installs it; {@code PROMETHEUS} (environment) or the PATH may name another. */
    static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PrometheusServer(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** The binary: $PROMETHEUS, then {@code prometheus} on the PATH, then Debian's path. */
    static Path binary() {
        String env = System.getenv("PROMETHEUS");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "prometheus");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        throw new IllegalStateException("the live autoscaler run needs a Prometheus server binary and found none"
                + " (not $PROMETHEUS, not on the PATH, not " + DEBIAN_BINARY + "): install Debian's package with"
                + " `apt-get install -y prometheus` (.ci/run does this when it is missing)");
    }

    /** Starts Prometheus scraping 127.0.0.1:{@code targetPort}/metrics every second; waits until it is ready. */
    static PrometheusServer start(int targetPort, Path dir) throws IOException, InterruptedException {
        Path binary = binary();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n", List.of(
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: fleet",
                "    honor_labels: true",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + targetPort + "']",
                "")));
        IOException last = null;
        // the port is picked free, then bound by Prometheus: another process may take it in between
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path data = Files.createDirectories(dir.resolve("data-" + attempt));
            Path log = dir.resolve("prometheus-" + attempt + ".log");
            Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1h", "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(p, log, URI.create("http://127.0.0.1:" + port));
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            last = new IOException("Prometheus (" + binary + ") did not become ready on port " + port + " within "
                    + READY_TIMEOUT.toSeconds() + " s; its log:\n" + server.logTail());
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    URI url() {
        return url;
    }

    private boolean awaitReady() throws InterruptedException {
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Waits at most {@code timeout} until {@code promql} has a finite value; false when it never does. */
    boolean awaitValue(String promql, Duration timeout) throws InterruptedException {
        PrometheusMetricsSource source = new PrometheusMetricsSource(url, Duration.ofSeconds(2));
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Double.isFinite(source.query(promql))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
