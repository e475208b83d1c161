package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.actuate.KubernetesActuator;
import dev.plimsoll.autoscaler.actuate.ScaleTarget;
import dev.plimsoll.autoscaler.crd.ServingAutoscaler;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerSpec;
import dev.plimsoll.autoscaler.crd.ServingAutoscalerStatus;
import dev.plimsoll.autoscaler.crd.StatusMapper;
import dev.plimsoll.autoscaler.metrics.EngineMetricNames;
import dev.plimsoll.autoscaler.metrics.PrometheusMetricsSource;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PlimsollSettings;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.reconcile.Actuator;
import dev.plimsoll.autoscaler.reconcile.DryRunActuator;
import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import dev.plimsoll.autoscaler.reconcile.RetryPolicy;
import dev.plimsoll.autoscaler.reconcile.ScalingLoop;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One {@code ServingAutoscaler}'s pass against the cluster: the pools' replicas from the API, the
 * metrics, {@link ScalingLoop} (decide, act through {@link KubernetesActuator} or, on dry run,
 * {@link DryRunActuator}), then the status through the status subresource and a Kubernetes Event
 * when the pass scaled, failed or changed its reason. Only the leader acts and writes.
 */
public final class ResourceReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceReconciler.class);
    /** Kubernetes caps an Event's message at 1 KiB in practice (kubectl truncates there). */
    private static final int EVENT_MESSAGE_CHARS = 1024;
    /** Prometheus' rule of thumb: a rate window covers at least four scrapes (15 s each by default). */
    private static final int MIN_RATE_WINDOW_S = 60;
    /**
     * A snapshot's queries share a third of the interval, at least 2 s: a healthy Prometheus answers
     * an instant query in milliseconds, so only a failing one reaches the bound.
     */
    private static final long MIN_SNAPSHOT_TIMEOUT_MS = 2_000;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final List<String> pools;
    private final Map<String, ScaleTarget> targets;
    private final Map<String, String> selectors;
    private final ScalingLoop loop;
    private final SnapshotSource metrics;
    private final BooleanSupplier leader;
    private final ControllerMetrics own;
    private final Clock clock;
    private final ReplicaReader replicas;
    private final ServingAutoscaler resource;
    private String lastReason;

    public ResourceReconciler(KubernetesClient client, ServingAutoscaler resource, ScalingPolicy policy,
                              SnapshotSource metrics, BooleanSupplier leader, ControllerMetrics own, Clock clock) {
        this.client = client;
        this.resource = resource;
        this.namespace = Objects.requireNonNullElse(resource.getMetadata().getNamespace(), "default");
        this.name = resource.getMetadata().getName();
        this.metrics = metrics;
        this.leader = leader;
        this.own = own;
        this.clock = clock;
        this.replicas = new ReplicaReader(client);
        ServingAutoscalerSpec spec = resource.getSpec();
        this.pools = new ArrayList<>();
        this.targets = new LinkedHashMap<>();
        this.selectors = new LinkedHashMap<>();
        // in the policy's order: [aggregated] or [prefill, decode]
        for (ServingAutoscalerSpec.Pool p : PoolOrder.of(spec)) {
            pools.add(p.name);
            targets.put(p.name, new ScaleTarget(p.targetKind, p.targetApiVersion != null ? p.targetApiVersion
                    : defaultApiVersion(p.targetKind), namespace, p.targetName, p.service));
            selectors.put(p.name, p.selector == null ? "" : p.selector);
        }
        Actuator actuator = spec.dryRun ? new DryRunActuator() : new KubernetesActuator(client, targets);
        double staleAfterMs = PlimsollSettings.defaults(spec.intervalSeconds * 1000.0, spec.startupSeconds * 1000.0)
                .staleAfterMs();
        this.loop = new ScalingLoop(this::observe, policy, actuator, pools, RetryPolicy.DEFAULT, ResourceReconciler::sleep,
                leader, staleAfterMs);
    }

    /** The Prometheus source a resource names: its URL, front end, engine names and SLA percentile. */
    public static SnapshotSource prometheus(ServingAutoscalerSpec spec) {
        PrometheusMetricsSource source = new PrometheusMetricsSource(URI.create(spec.metrics.prometheusUrl),
                Duration.ofMillis(Math.max(MIN_SNAPSHOT_TIMEOUT_MS, spec.intervalSeconds * 1000L / 3)));
        PrometheusMetricsSource.FrontEnd front = new PrometheusMetricsSource.FrontEnd(
                spec.metrics.frontendSelector == null ? "" : spec.metrics.frontendSelector,
                EngineMetricNames.of(spec.metrics.frontendEngine));
        int windowS = rateWindowSeconds(spec);
        return (nowMs, pools) -> source.read(nowMs, front, pools, windowS, spec.sla.percentile / 100.0);
    }

    /** The resource's rate window, or max(60 s, interval) when it names none. */
    static int rateWindowSeconds(ServingAutoscalerSpec spec) {
        return spec.metrics.rateWindowSeconds != null ? spec.metrics.rateWindowSeconds
                : Math.max(MIN_RATE_WINDOW_S, spec.intervalSeconds);
    }

    static String defaultApiVersion(String kind) {
        return switch (kind) {
            case "Deployment", "StatefulSet" -> "apps/v1";
            case "LeaderWorkerSet" -> "leaderworkerset.x-k8s.io/v1";
            default -> "nvidia.com/v1alpha1";
        };
    }

    public String key() {
        return namespace + "/" + name;
    }

    public ServingAutoscaler resource() {
        return resource;
    }

    private MetricsSnapshot observe(double nowMs) {
        EngineMetricNames names = EngineMetricNames.of(resource.getSpec().engine);
        List<PrometheusMetricsSource.PoolTarget> out = new ArrayList<>();
        for (String p : pools) {
            ReplicaReader.Replicas r = replicas.read(targets.get(p));
            out.add(new PrometheusMetricsSource.PoolTarget(p, selectors.get(p), names, r.ready(), r.provisioned()));
        }
        return metrics.read(nowMs, out);
    }

    /** One pass; never throws (an error is logged, counted and retried at the next interval). */
    public LoopStatus reconcileOnce() {
        long start = System.nanoTime();
        try {
            LoopStatus s = loop.step(clock.millis());
            own.recordPass(namespace, name, pools, s, (System.nanoTime() - start) / 1e9);
            if (!leader.getAsBoolean()) {
                return s;
            }
            LOG.info("{}: {} -> {} {}: {}", key(), java.util.Arrays.toString(s.current()),
                    java.util.Arrays.toString(s.desired()), s.actions(), s.reason());
            writeStatus(s);
            if (!s.actions().isEmpty() || s.errors() > 0 || !Objects.equals(s.reason(), lastReason)) {
                recordEvent(s);
            }
            lastReason = s.reason();
            return s;
        } catch (RuntimeException e) {
            LOG.error("{}: pass failed: {}", key(), e.toString(), e);
            own.recordError(namespace, name, "pass");
            return null;
        }
    }

    private void writeStatus(LoopStatus s) {
        int[] ready = new int[pools.size()];
        for (int p = 0; p < ready.length; p++) {
            ready[p] = Math.max(0, replicas.read(targets.get(pools.get(p))).ready());
        }
        ServingAutoscalerStatus status = StatusMapper.of(s, pools, ready, Instant.now(clock));
        try {
            client.resources(ServingAutoscaler.class).inNamespace(namespace).withName(name).editStatus(r -> {
                r.setStatus(status);
                return r;
            });
        } catch (RuntimeException e) {
            LOG.warn("{}: status not written: {}", key(), e.getMessage());
            own.recordError(namespace, name, "status");
        }
    }

    private void recordEvent(LoopStatus s) {
        String message = (s.actions().isEmpty() ? "holding " + java.util.Arrays.toString(s.current())
                : "scaled " + s.actions()) + ": " + s.reason();
        if (message.length() > EVENT_MESSAGE_CHARS) {
            message = message.substring(0, EVENT_MESSAGE_CHARS - 3) + "...";
        }
        String now = Instant.now(clock).toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder().withNewMetadata()
                    .withGenerateName(name + "-").withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind()).withName(name).withNamespace(namespace)
                            .withUid(resource.getMetadata().getUid()).build())
                    .withType(s.errors() > 0 ? "Warning" : "Normal")
                    .withReason(s.errors() > 0 ? "ScaleFailed" : s.actions().isEmpty() ? "Holding" : "Scaled")
                    .withMessage(message).withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent("plimsoll-autoscaler").endSource().build()).create();
        } catch (RuntimeException e) {
            LOG.warn("{}: event not recorded: {}", key(), e.getMessage());
            own.recordError(namespace, name, "event");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
