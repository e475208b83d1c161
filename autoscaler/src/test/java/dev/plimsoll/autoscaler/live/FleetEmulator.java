package dev.plimsoll.autoscaler.live;

import com.sun.net.httpserver.HttpServer;
import dev.plimsoll.autoscaler.metrics.Histogram;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated vLLM workers behind a Dynamo-like front end, in wall-clock time, for the
 * live run: Poisson arrivals at the offered rate, routed to the least-loaded ready worker of the
 * entry pool (aggregated or prefill; prefilled requests move on to the least-loaded decode worker
 * after the KV transfer). It plays the Deployment controller too: it follows each pool's
 * Deployment {@code spec.replicas} on the API server, starts workers that serve after a start-up
 * delay, drains removed ones, and writes {@code status.readyReplicas} back. Its metrics are served
 * on 127.0.0.1 in the Prometheus text format by the real names (the workers' {@code vllm:*} series
 * labelled by pod, the front end's {@code dynamo_frontend_*}), for a real Prometheus to scrape.
 */
final class FleetEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetEmulator.class);
    /** How often the fleet advances: finer than a decode step of the batches it runs is not needed. */
    private static final long TICK_MS = 20;
    /** How often the Deployments are read from the API server. */
    private static final long FOLLOW_MS = 200;
    /** Request-size buckets of the front end's histograms (powers of two; only _sum and _count are read). */
    private static final double[] SIZE_BUCKETS = {64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};

    /**
     * One worker group.
     *
     * @param pool       aggregated, prefill or decode
     * @param deployment the Deployment holding its replicas
     * @param role       what its workers do
     * @param steps      the workers' step times
     * @param maxRunning running-request slots per worker
     * @param tokenBudget tokens per step
     * @param kvTokens   KV pool per worker, tokens
     */
    record Pool(String pool, String deployment, EmulatedEngine.Role role, StepTimeModel steps, int maxRunning,
                int tokenBudget, long kvTokens) {
    }

    /** The offered load: Poisson arrivals of fixed-size requests. */
    record Offered(double ratePerS, int inputTokens, int outputTokens) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final List<Pool> pools;
    private final double startupMs;
    private final double transferMs;
    private final String model;
    private final Map<String, List<EmulatedEngine>> engines = new LinkedHashMap<>();
    private final Map<String, Deque<EmulatedEngine.Request>> unrouted = new LinkedHashMap<>();
    private final Map<String, Integer> lastReadyWritten = new LinkedHashMap<>();
    private final Map<String, Integer> podSerial = new LinkedHashMap<>();
    private final SplittableRandom random = new SplittableRandom(12);
    private final long startNanos = System.nanoTime();
    private final HttpServer http;
    private final ScheduledExecutorService ticker;
    private volatile Offered offered = new Offered(0, 1, 1);
    private double nextArrivalMs = Double.NaN;
    private double lastFollowMs = Double.NEGATIVE_INFINITY;
    private long started;
    private final Histogram inputSizes = new Histogram(SIZE_BUCKETS);
    private final Histogram outputSizes = new Histogram(SIZE_BUCKETS);
    private long inputSum;
    private long outputSum;
    private final Histogram ttft = new Histogram(Histogram.VLLM_TTFT_BUCKETS_S);
    private double ttftSumS;
    private final Histogram itl = new Histogram(Histogram.VLLM_ITL_BUCKETS_S);
    private double itlSumS;
    private volatile RuntimeException failure;

    FleetEmulator(KubernetesClient client, String namespace, String model, List<Pool> pools, double startupMs,
                  double transferMs) throws IOException {
        this.client = client;
        this.namespace = namespace;
        this.model = model;
        this.pools = List.copyOf(pools);
        this.startupMs = startupMs;
        this.transferMs = transferMs;
        for (Pool p : pools) {
            engines.put(p.pool(), new ArrayList<>());
            unrouted.put(p.pool(), new ArrayDeque<>());
            podSerial.put(p.pool(), 0);
        }
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-emulator");
            t.setDaemon(true);
            return t;
        });
    }

    /** Serves /metrics and starts the fleet: the workers the Deployments ask for are ready at once. */
    FleetEmulator start() {
        synchronized (this) {
            follow(0.0, true);
        }
        http.start();
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    int port() {
        return http.getAddress().getPort();
    }

    void offer(Offered load) {
        offered = load;
        LOG.info("offered load now {} req/s of {} + {} tokens", load.ratePerS(), load.inputTokens(),
                load.outputTokens());
    }

    /** Ready, not draining workers of {@code pool}. */
    synchronized int ready(String pool) {
        double now = nowMs();
        return (int) engines.get(pool).stream().filter(e -> !e.draining && e.ready(now)).count();
    }

    /** The first error the fleet's thread hit, if any (the test fails on it). */
    RuntimeException failure() {
        return failure;
    }

    private double nowMs() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private void tick() {
        try {
            synchronized (this) {
                double now = nowMs();
                if (now - lastFollowMs >= FOLLOW_MS) {
                    follow(now, false);
                    lastFollowMs = now;
                }
                arrivals(now);
                for (Pool p : pools) {
                    route(p.pool(), now);
                }
                for (List<EmulatedEngine> list : engines.values()) {
                    for (EmulatedEngine e : list) {
                        e.advanceTo(now);
                    }
                    list.removeIf(e -> e.draining && e.idle());
                }
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
                LOG.error("fleet emulator failed", e);
            }
        }
    }

    /** Plays the Deployment controller: spec.replicas in, status.readyReplicas out. */
    private void follow(double now, boolean readyAtOnce) {
        for (Pool p : pools) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(p.deployment()).get();
            if (d == null || d.getSpec() == null || d.getSpec().getReplicas() == null) {
                continue;
            }
            int want = d.getSpec().getReplicas();
            List<EmulatedEngine> list = engines.get(p.pool());
            List<EmulatedEngine> active = list.stream().filter(e -> !e.draining).toList();
            for (int i = active.size(); i < want; i++) {
                int serial = podSerial.merge(p.pool(), 1, Integer::sum);
                list.add(new EmulatedEngine(p.deployment() + "-" + serial, p.role(), readyAtOnce ? now : now + startupMs,
                        p.steps(), p.maxRunning(), p.tokenBudget(), p.kvTokens(), frontEnd(p)));
            }
            if (active.size() > want) {
                // a ReplicaSet removes pods that are not ready first, then the youngest
                List<EmulatedEngine> victims = new ArrayList<>(active);
                victims.sort((a, b) -> {
                    boolean ra = a.ready(now);
                    boolean rb = b.ready(now);
                    return ra != rb ? (ra ? 1 : -1) : Double.compare(b.readyAtMs, a.readyAtMs);
                });
                for (EmulatedEngine e : victims.subList(0, active.size() - want)) {
                    if (e.ready(now)) {
                        e.draining = true;
                    } else {
                        list.remove(e);
                    }
                }
            }
            int ready = (int) list.stream().filter(e -> !e.draining && e.ready(now)).count();
            Integer written = lastReadyWritten.get(p.pool());
            if (written == null || written != ready) {
                client.apps().deployments().inNamespace(namespace).withName(p.deployment()).editStatus(x -> {
                    if (x.getStatus() == null) {
                        x.setStatus(new DeploymentStatus());
                    }
                    x.getStatus().setReadyReplicas(ready);
                    x.getStatus().setReplicas(want);
                    return x;
                });
                lastReadyWritten.put(p.pool(), ready);
            }
        }
    }

    private void arrivals(double now) {
        Offered load = offered;
        if (load.ratePerS() <= 0) {
            nextArrivalMs = Double.NaN;
            return;
        }
        if (Double.isNaN(nextArrivalMs)) {
            nextArrivalMs = now;
        }
        String entry = pools.get(0).pool();
        while (nextArrivalMs <= now) {
            EmulatedEngine.Request r = new EmulatedEngine.Request(nextArrivalMs, load.inputTokens(),
                    load.outputTokens());
            started++;
            inputSizes.observe(r.inputTokens);
            inputSum += r.inputTokens;
            unrouted.get(entry).addLast(r);
            nextArrivalMs += -Math.log(1 - random.nextDouble()) / load.ratePerS() * 1000.0;
        }
    }

    /** Hands queued requests to the least-loaded ready worker of {@code pool}. */
    private void route(String pool, double now) {
        Deque<EmulatedEngine.Request> queue = unrouted.get(pool);
        while (!queue.isEmpty()) {
            EmulatedEngine best = null;
            for (EmulatedEngine e : engines.get(pool)) {
                if (!e.draining && e.ready(now) && (best == null || e.load() < best.load())) {
                    best = e;
                }
            }
            if (best == null) {
                return;
            }
            best.submit(queue.removeFirst());
        }
    }

    /** The front end's view of a pool's requests: first tokens, token gaps, completions and hand-offs. */
    private EmulatedEngine.Listener frontEnd(Pool p) {
        return new EmulatedEngine.Listener() {
            @Override
            public void firstToken(EmulatedEngine.Request r, double atMs) {
                double s = (atMs - r.arrivalMs) / 1000.0;
                ttft.observe(s);
                ttftSumS += s;
            }

            @Override
            public void tokens(EmulatedEngine.Request r, int tokens, double gapMs) {
                itl.observe(gapMs / 1000.0, tokens);
                itlSumS += gapMs / 1000.0 * tokens;
            }

            @Override
            public void done(EmulatedEngine.Request r, double atMs, boolean handedOn) {
                if (handedOn) {
                    r.availableMs = atMs + transferMs;
                    unrouted.get("decode").addLast(r);
                } else {
                    outputSizes.observe(r.generated);
                    outputSum += r.generated;
                }
            }
        };
    }

    /** The Prometheus text format (version 0.0.4) of every worker and the front end. */
    synchronized String exposition() {
        StringBuilder b = new StringBuilder(16_384);
        List<EmulatedEngine> all = new ArrayList<>();
        Map<EmulatedEngine, String> poolOf = new LinkedHashMap<>();
        for (Map.Entry<String, List<EmulatedEngine>> e : engines.entrySet()) {
            for (EmulatedEngine x : e.getValue()) {
                all.add(x);
                poolOf.put(x, e.getKey());
            }
        }
        double now = nowMs();
        List<EmulatedEngine> serving = all.stream().filter(e -> e.ready(now)).toList();
        family(b, "vllm:num_requests_running", "gauge");
        serving.forEach(e -> sample(b, "vllm:num_requests_running", labels(e, poolOf), e.running()));
        family(b, "vllm:num_requests_waiting", "gauge");
        serving.forEach(e -> sample(b, "vllm:num_requests_waiting", labels(e, poolOf), e.waiting()));
        family(b, "vllm:kv_cache_usage_perc", "gauge");
        serving.forEach(e -> sample(b, "vllm:kv_cache_usage_perc", labels(e, poolOf), e.kvUsage()));
        family(b, "vllm:prompt_tokens_total", "counter");
        serving.forEach(e -> sample(b, "vllm:prompt_tokens_total", labels(e, poolOf), e.promptTokensTotal));
        family(b, "vllm:generation_tokens_total", "counter");
        serving.forEach(e -> sample(b, "vllm:generation_tokens_total", labels(e, poolOf), e.generationTokensTotal));
        family(b, "vllm:request_success_total", "counter");
        serving.forEach(e -> sample(b, "vllm:request_success_total", labels(e, poolOf), e.successTotal));
        family(b, "vllm:time_to_first_token_seconds", "histogram");
        serving.forEach(e -> histogram(b, "vllm:time_to_first_token_seconds", labels(e, poolOf), e.ttft, e.ttftSumS));
        family(b, "vllm:inter_token_latency_seconds", "histogram");
        serving.forEach(e -> histogram(b, "vllm:inter_token_latency_seconds", labels(e, poolOf), e.itl, e.itlSumS));
        String fe = "component=\"frontend\",model=\"" + model + "\"";
        family(b, "dynamo_frontend_requests_started_total", "counter");
        sample(b, "dynamo_frontend_requests_started_total", fe, started);
        family(b, "dynamo_frontend_input_sequence_tokens", "histogram");
        histogram(b, "dynamo_frontend_input_sequence_tokens", fe, inputSizes, inputSum);
        family(b, "dynamo_frontend_output_sequence_tokens", "histogram");
        histogram(b, "dynamo_frontend_output_sequence_tokens", fe, outputSizes, outputSum);
        family(b, "dynamo_frontend_time_to_first_token_seconds", "histogram");
        histogram(b, "dynamo_frontend_time_to_first_token_seconds", fe, ttft, ttftSumS);
        family(b, "dynamo_frontend_inter_token_latency_seconds", "histogram");
        histogram(b, "dynamo_frontend_inter_token_latency_seconds", fe, itl, itlSumS);
        return b.toString();
    }

    private String labels(EmulatedEngine e, Map<EmulatedEngine, String> poolOf) {
        return "pod=\"" + e.pod + "\",pool=\"" + poolOf.get(e) + "\",model_name=\"" + model + "\"";
    }

    private static void family(StringBuilder b, String name, String type) {
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        b.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static void histogram(StringBuilder b, String name, String labels, Histogram h, double sum) {
        double[] bounds = h.bounds();
        long[] cumulative = h.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            sample(b, name + "_bucket", labels + ",le=\"" + bounds[i] + "\"", cumulative[i]);
        }
        sample(b, name + "_bucket", labels + ",le=\"+Inf\"", cumulative[bounds.length]);
        sample(b, name + "_sum", labels, sum);
        sample(b, name + "_count", labels, cumulative[bounds.length]);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        http.stop(0);
    }
}
