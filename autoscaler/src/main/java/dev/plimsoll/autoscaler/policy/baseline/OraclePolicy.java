package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.CapacityModel;
import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;

import java.util.Locale;

/**
 * Knows the future load: at every interval it sizes each pool with Plimsoll's model for the
 * busiest interval between now and a start-up plus an interval ahead (a worker asked for now
 * serves only after its start-up; one released now cannot come back sooner), without
 * stabilisation, forecast error or correction. The reference for GPU-hours.
 */
public final class OraclePolicy implements ScalingPolicy {
    /** The true offered load over [fromMs, toMs). */
    @FunctionalInterface
    public interface FutureLoad {
        Load between(double fromMs, double toMs);
    }

    private final CapacityModel model;
    private final Limits limits;
    private final FutureLoad future;
    private final double intervalMs;
    private final double startupMs;

    public OraclePolicy(CapacityModel model, Limits limits, FutureLoad future, double intervalMs, double startupMs) {
        this.model = model;
        this.limits = limits;
        this.future = future;
        this.intervalMs = intervalMs;
        this.startupMs = startupMs;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        double now = s.timeMs();
        int[] desired = new int[s.pools().size()];
        double peak = 0;
        for (double t = now; t < now + startupMs + intervalMs; t += intervalMs) {
            Load load = future.between(t, t + intervalMs);
            if (load == null || !load.finite() || load.requestsPerS() <= 0) {
                continue;
            }
            peak = Math.max(peak, load.requestsPerS());
            int[] need = model.workersFor(load, CapacityModel.Correction.NONE);
            for (int p = 0; p < desired.length; p++) {
                desired[p] = Math.max(desired[p], need[p]);
            }
        }
        return new Decision(limits.clamp(desired).replicas(), String.format(Locale.ROOT,
                "future peak %.1f req/s", peak), peak);
    }
}
