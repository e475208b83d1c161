package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.metrics.PrometheusMetricsSource;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;

import java.util.List;

/** Where a resource's loop reads its metrics: Prometheus in a cluster, a stub in tests. */
@FunctionalInterface
public interface SnapshotSource {
    /** One snapshot at {@code nowMs} of the front end and {@code pools} (replica counts filled in). */
    MetricsSnapshot read(double nowMs, List<PrometheusMetricsSource.PoolTarget> pools);
}
