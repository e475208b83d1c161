package dev.plimsoll.autoscaler.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a served model's metrics from the Prometheus HTTP API ({@code /api/v1/query}, instant
 * queries; prometheus.io, "HTTP API") by the engines' own names: per pool its gauges summed over
 * its workers, the front end's offered load as rates over a window, TTFT and ITL as
 * {@code histogram_quantile} over the window, and the age of the newest scrape. A query that
 * fails, times out, answers garbage, nothing, or a non-finite value gives NaN, which the policy
 * treats as missing (no scale-down).
 */
public final class PrometheusMetricsSource {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetricsSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * One pool's series: its selector (a PromQL label matcher such as
     * {@code {namespace="llm",pod=~"decode-.*"}}) and the replica counts the Kubernetes API gives.
     */
    public record PoolTarget(String pool, String selector, EngineMetricNames names, int readyReplicas,
                             int provisionedReplicas) {
    }

    /** The front end's series: where offered load, sizes and latencies are read. */
    public record FrontEnd(String selector, EngineMetricNames names) {
    }

    public PrometheusMetricsSource(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * One snapshot at {@code nowMs} (wall clock), rates and quantiles over {@code windowS} seconds
     * at the SLA {@code quantile}.
     */
    public MetricsSnapshot read(double nowMs, FrontEnd front, List<PoolTarget> pools, int windowS, double quantile) {
        Pass pass = new Pass(System.nanoTime() + timeout.toNanos());
        EngineMetricNames f = front.names();
        String sel = front.selector();
        String w = "[" + windowS + "s]";
        double rate;
        double isl;
        double osl;
        if (f.startedRequests() != null) {
            rate = pass.ask("sum(rate(" + f.startedRequests() + sel + w + "))");
        } else {
            // engines that count only completions: finished requests stand in, which hides queued demand
            rate = pass.ask("sum(rate(" + f.finishedRequests() + sel + w + "))");
        }
        if (f.promptIsHistogram()) {
            isl = pass.ask(ratio(f.promptTokens() + "_sum", f.promptTokens() + "_count", sel, w));
        } else {
            isl = pass.ask("sum(rate(" + f.promptTokens() + sel + w + ")) / " + rateOf(f.startedRequests() != null
                    ? f.startedRequests() : f.finishedRequests(), sel, w));
        }
        if (f.generationIsHistogram()) {
            osl = pass.ask(ratio(f.generationTokens() + "_sum", f.generationTokens() + "_count", sel, w));
        } else {
            osl = pass.ask("sum(rate(" + f.generationTokens() + sel + w + ")) / " + rateOf(f.finishedRequests(), sel, w));
        }
        String q = String.format(Locale.ROOT, "%.4f", quantile);
        double ttft = 1000.0 * pass.ask("histogram_quantile(" + q + ", sum by (le) (rate(" + f.ttft() + "_bucket" + sel + w
                + ")))");
        double itl = 1000.0 * pass.ask("histogram_quantile(" + q + ", sum by (le) (rate(" + f.itl() + "_bucket" + sel + w
                + ")))");
        double samples = pass.ask("sum(increase(" + f.ttft() + "_count" + sel + w + "))");
        double age = 1000.0 * pass.ask("time() - max(timestamp(" + (f.startedRequests() != null ? f.startedRequests()
                : f.finishedRequests()) + sel + "))");
        List<PoolMetrics> out = new ArrayList<>();
        for (PoolTarget p : pools) {
            EngineMetricNames n = p.names();
            String s = p.selector();
            out.add(new PoolMetrics(p.pool(), p.readyReplicas(), p.provisionedReplicas(),
                    pass.ask("sum(" + n.running() + s + ")"), pass.ask("sum(" + n.waiting() + s + ")"),
                    pass.ask("avg(" + n.kvUsage() + s + ")")));
        }
        return new MetricsSnapshot(nowMs, Double.isFinite(age) ? Math.max(0, age) : Double.NaN,
                new Load(rate, isl, osl), ttft, itl, Double.isFinite(samples) ? Math.round(samples) : 0, out);
    }

    private static String rateOf(String counter, String sel, String w) {
        return "sum(rate(" + counter + sel + w + "))";
    }

    private static String ratio(String sum, String count, String sel, String w) {
        return "sum(rate(" + sum + sel + w + ")) / sum(rate(" + count + sel + w + "))";
    }

    /**
     * The queries of one snapshot share one deadline, the source's timeout: a Prometheus that is
     * slow costs a pass at most that long, not a timeout per query. Once the deadline has passed or
     * Prometheus could not be reached, the queries left answer NaN without being sent (one warning
     * per snapshot, not one per query).
     */
    private final class Pass {
        private final long deadlineNanos;
        private boolean failed;

        Pass(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        double ask(String promql) {
            if (failed) {
                return Double.NaN;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                LOG.warn("Prometheus at {} too slow: the snapshot's {} ms are spent; the rest reads as missing",
                        base, timeout.toMillis());
                failed = true;
                return Double.NaN;
            }
            try {
                return send(promql, Duration.ofNanos(left));
            } catch (IOException e) {
                LOG.warn("Prometheus at {} unreachable ({}); this snapshot reads as missing", base, e.toString());
                failed = true;
                return Double.NaN;
            }
        }
    }

    /** The scalar value of an instant query (the sum of a vector's samples), or NaN. */
    public double query(String promql) {
        try {
            return send(promql, timeout);
        } catch (IOException e) {
            LOG.warn("Prometheus at {} unreachable: {}", base, e.toString());
            return Double.NaN;
        }
    }

    /** NaN for an answer that is not a finite number; IOException when no answer came in time. */
    private double send(String promql, Duration wait) throws IOException {
        URI uri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(wait).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("Prometheus answered {} to {}", response.statusCode(), promql);
                return Double.NaN;
            }
            return parse(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** {@code {"status":"success","data":{"resultType":"vector"|"scalar","result":...}}}. */
    static double parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Double.NaN;
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            return Double.NaN;
        }
        JsonNode data = root.path("data");
        JsonNode result = data.path("result");
        String type = data.path("resultType").asText();
        if ("scalar".equals(type)) {
            return number(result.path(1));
        }
        if (!"vector".equals(type) || !result.isArray() || result.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (JsonNode sample : result) {
            double v = number(sample.path("value").path(1));
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
            sum += v;
        }
        return sum;
    }

    /** Prometheus writes sample values as strings ("1.5", "NaN", "+Inf"). */
    private static double number(JsonNode node) {
        if (!node.isTextual() && !node.isNumber()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(node.asText().replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
