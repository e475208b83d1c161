package dev.plimsoll.autoscaler.policy;

import java.util.List;

/** Snapshots for policy tests: one aggregated pool, sizes fixed. */
final class Snapshots {
    private Snapshots() {
    }

    /** Observed latencies are what {@link FakeCapacity} of 10 req/s per worker predicts: no correction. */
    static MetricsSnapshot of(double timeS, double rate, int ready, int provisioned, double running, double waiting,
                              double kv) {
        Load load = new Load(rate, 1000, 200);
        CapacityModel.Prediction p = FakeCapacity.single(10).predict(load, new int[] {Math.max(1, ready)});
        return new MetricsSnapshot(timeS * 1000, 0, load, p.ttftMs(), p.itlMs(), 500,
                List.of(new PoolMetrics("aggregated", ready, provisioned, running, waiting, kv)));
    }

    /** A steady pool of {@code n} ready workers under {@code rate}. */
    static MetricsSnapshot steady(double timeS, double rate, int n) {
        return of(timeS, rate, n, n, 10.0 * n, 0, 0.3);
    }
}
