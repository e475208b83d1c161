package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.policy.forecast.Forecaster;

import java.util.Locale;

/**
 * NVIDIA Dynamo Planner's throughput-based loop (docs.nvidia.com/dynamo, "Planner Design"): every
 * adjustment interval it reads the interval's request count, ISL, OSL, TTFT and ITL, updates the
 * correction factors {@code actual / expected} latency, predicts the next interval's load and
 * sizes prefill as {@code predicted prompt throughput / (per-worker prefill throughput)} and
 * decode as {@code predicted output throughput / (per-worker decode throughput at ITL target /
 * correction)}, at least {@code min_endpoint} each, scaled down to fit the GPU budget. The
 * "profiled" per-worker throughputs are Plimsoll's model ({@link CapacityModel#throughputPerWorker}),
 * so the comparison is of the loops, not of the models. Predictor: Dynamo's {@code constant}.
 * Aggregated pools are sized as decode.
 */
public final class DynamoPlannerPolicy implements ScalingPolicy {
    /** Planner --adjustment-interval default (seconds 180). */
    public static final double ADJUSTMENT_INTERVAL_MS = 180_000;

    private final CapacityModel model;
    private final Limits limits;
    private final double intervalMs;
    private final Forecaster requests = Forecaster.of("last");
    private double pCorrection = 1.0;
    private double dCorrection = 1.0;
    private double nextMs = Double.NEGATIVE_INFINITY;

    public DynamoPlannerPolicy(CapacityModel model, Limits limits, double intervalMs) {
        this.model = model;
        this.limits = limits;
        this.intervalMs = intervalMs;
    }

    @Override
    public String name() {
        return "dynamo";
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        int[] current = ScalingPolicy.current(s);
        if (s.timeMs() < nextMs) {
            return new Decision(current, "between adjustment intervals", Double.NaN);
        }
        nextMs = s.timeMs() + intervalMs;
        Load load = s.load();
        if (load == null || !load.finite()) {
            return new Decision(current, "no traffic metrics: hold", Double.NaN);
        }
        int[] ready = new int[current.length];
        for (int p = 0; p < ready.length; p++) {
            ready[p] = Math.max(1, s.pool(p).readyReplicas());
        }
        CapacityModel.Prediction expected = model.predict(load, ready);
        if (s.latencySamples() > 0 && Double.isFinite(expected.ttftMs()) && expected.ttftMs() > 0
                && Double.isFinite(s.ttftMs())) {
            pCorrection = s.ttftMs() / expected.ttftMs();
        }
        if (s.latencySamples() > 0 && Double.isFinite(expected.itlMs()) && expected.itlMs() > 0
                && Double.isFinite(s.itlMs())) {
            dCorrection = s.itlMs() / expected.itlMs();
        }
        requests.observe(load.requestsPerS());
        Load next = load.withRate(requests.forecast(1));
        CapacityModel.Correction decodeCorrection = new CapacityModel.Correction(1.0, Math.max(1e-3, dCorrection));
        int[] desired = new int[current.length];
        for (int p = 0; p < desired.length; p++) {
            boolean prefill = model.pools().get(p).equals("prefill");
            double rate = model.equivalentRate(p, next);
            double perWorker;
            if (prefill) {
                // Dynamo scales the predicted prefill load by min(1, prefill correction)
                rate *= Math.min(1.0, pCorrection);
                perWorker = model.throughputPerWorker(p, CapacityModel.Correction.NONE);
            } else {
                perWorker = model.throughputPerWorker(p, decodeCorrection);
            }
            desired[p] = perWorker > 0 ? Math.max(1, (int) Math.ceil(rate / perWorker - 1e-9))
                    : limits.pool(p).maxReplicas();
        }
        return new Decision(limits.clamp(desired).replicas(), String.format(Locale.ROOT,
                "predicted %.1f req/s, correction p %.2f d %.2f", next.requestsPerS(), pCorrection, dCorrection),
                next.requestsPerS());
    }
}
