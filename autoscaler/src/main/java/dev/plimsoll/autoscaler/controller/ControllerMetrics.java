package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.reconcile.LoopStatus;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.List;

/**
 * The controller's own metrics (Prometheus Java client), served on {@code /metrics}: desired and
 * current replicas per pool, the load the policy sized for, how long a pass takes, and errors.
 */
public final class ControllerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge desired = Gauge.builder().name("plimsoll_autoscaler_desired_replicas")
            .help("Replicas per pool the policy asked for in the last pass")
            .labelNames("namespace", "autoscaler", "pool").register(registry);
    private final Gauge current = Gauge.builder().name("plimsoll_autoscaler_current_replicas")
            .help("Replicas per pool provisioned before the last pass")
            .labelNames("namespace", "autoscaler", "pool").register(registry);
    private final Gauge predicted = Gauge.builder().name("plimsoll_autoscaler_predicted_requests_per_second")
            .help("Offered load the policy sized for in the last pass")
            .labelNames("namespace", "autoscaler").register(registry);
    private final Gauge observed = Gauge.builder().name("plimsoll_autoscaler_observed_requests_per_second")
            .help("Offered load observed in the last pass")
            .labelNames("namespace", "autoscaler").register(registry);
    private final Histogram latency = Histogram.builder().name("plimsoll_autoscaler_decision_seconds")
            .help("Wall time of one pass: observe, decide, act, record")
            .labelNames("namespace", "autoscaler").register(registry);
    private final Counter errors = Counter.builder().name("plimsoll_autoscaler_errors")
            .help("Failed passes, scale requests, status patches and events")
            .labelNames("namespace", "autoscaler", "kind").register(registry);

    public PrometheusRegistry registry() {
        return registry;
    }

    /** One pass of {@code namespace/autoscaler} that took {@code seconds}. */
    public void recordPass(String namespace, String autoscaler, List<String> pools, LoopStatus s, double seconds) {
        for (int p = 0; p < pools.size(); p++) {
            desired.labelValues(namespace, autoscaler, pools.get(p)).set(s.desired()[p]);
            current.labelValues(namespace, autoscaler, pools.get(p)).set(s.current()[p]);
        }
        predicted.labelValues(namespace, autoscaler).set(s.predictedPerS());
        observed.labelValues(namespace, autoscaler).set(s.observed() == null ? Double.NaN
                : s.observed().requestsPerS());
        latency.labelValues(namespace, autoscaler).observe(seconds);
        if (s.errors() > 0) {
            errors.labelValues(namespace, autoscaler, "scale").inc(s.errors());
        }
    }

    /** An error of {@code kind} (pass, status, event) outside the scale requests. */
    public void recordError(String namespace, String autoscaler, String kind) {
        errors.labelValues(namespace, autoscaler, kind).inc();
    }
}
