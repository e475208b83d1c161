package dev.plimsoll.autoscaler.policy;

import java.util.List;

/**
 * One observation of a served model, as the policy sees it: no Kubernetes or Prometheus types.
 * Rates and quantiles are over the source's window; NaN marks what could not be read.
 *
 * @param timeMs          when it was taken (wall or simulated clock)
 * @param ageMs           age of the newest sample behind it (staleness)
 * @param load            offered load over the window
 * @param ttftMs          observed TTFT at the SLA percentile over the window
 * @param itlMs           observed inter-token latency at the SLA percentile over the window
 * @param latencySamples  first tokens behind {@code ttftMs} (0: too few to judge the model)
 * @param pools           per pool, in the model's pool order
 */
public record MetricsSnapshot(double timeMs, double ageMs, Load load, double ttftMs, double itlMs,
                              long latencySamples, List<PoolMetrics> pools) {
    public MetricsSnapshot {
        pools = List.copyOf(pools);
    }

    public PoolMetrics pool(int index) {
        return pools.get(index);
    }

    /** Every value the sizing needs is there and finite. */
    public boolean complete() {
        if (!Double.isFinite(ageMs) || load == null || !load.finite()) {
            return false;
        }
        for (PoolMetrics p : pools) {
            if (!p.finite()) {
                return false;
            }
        }
        return true;
    }
}
