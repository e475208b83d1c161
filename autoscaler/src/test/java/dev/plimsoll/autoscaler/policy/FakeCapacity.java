package dev.plimsoll.autoscaler.policy;

import java.util.List;

/**
 * A capacity model with round numbers: each worker carries {@code perWorker} requests per second
 * within the SLA (divided by the larger correction factor), holds {@code slots} running requests,
 * and latencies grow linearly with its share of the load.
 */
public record FakeCapacity(List<String> pools, double perWorker, double slots, int gpus) implements CapacityModel {
    public static FakeCapacity single(double perWorker) {
        return new FakeCapacity(List.of("aggregated"), perWorker, 64, 8);
    }

    @Override
    public int gpusPerWorker(int pool) {
        return gpus;
    }

    @Override
    public int[] workersFor(Load load, Correction c) {
        int[] n = new int[pools.size()];
        double per = throughputPerWorker(0, c);
        for (int p = 0; p < n.length; p++) {
            n[p] = Math.max(1, (int) Math.ceil(load.requestsPerS() / per - 1e-9));
        }
        return n;
    }

    @Override
    public Prediction predict(Load load, int[] workers) {
        double share = load.requestsPerS() / (workers[0] * perWorker);
        return new Prediction(500 * share, 40 * share);
    }

    @Override
    public double equivalentRate(int pool, Load load) {
        return load.requestsPerS();
    }

    @Override
    public double throughputPerWorker(int pool, Correction c) {
        return perWorker / Math.max(c.ttft(), c.itl());
    }

    @Override
    public double maxRunningPerWorker(int pool, Correction c) {
        return slots;
    }
}
