package dev.plimsoll.cli.output;

import dev.plimsoll.cli.simulate.DeploymentPlan;
import dev.plimsoll.cli.simulate.PoolPlan;
import dev.plimsoll.perfmodel.sim.LatencyStats;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierStats;

import java.util.Locale;

/** The KV-tier part of {@code plimsoll simulate}'s table: hits and traffic per tier, TTFT with and without. */
final class KvTierTable {
    private KvTierTable() {
    }

    static String render(DeploymentPlan plan, SimulationResult r, SimulationResult gpuOnly) {
        StringBuilder sb = new StringBuilder();
        for (PoolPlan p : plan.pools()) {
            if (p.engine().kvTiers().enabled()) {
                sb.append("KV tiers per ").append(p.role()).append(" worker: ").append(p.engine().kvTiers().describe())
                        .append('\n');
            }
        }
        TextTable t = new TextTable("tier", "capacity (tokens)", "hit rate", "hit tokens", "read GB", "written GB")
                .rightAlign(1, 2, 3, 4, 5);
        for (KvTierStats s : r.kvTiers()) {
            t.row(s.tier(), String.format(Locale.ROOT, "%,d", s.capacityTokens()), pct(s.hitRate()),
                    String.format(Locale.ROOT, "%,d", s.hitTokens()), gb(s.readBytes()), gb(s.writtenBytes()));
        }
        sb.append(t.render());
        if (gpuOnly != null) {
            TextTable c = new TextTable("TTFT (ms)", "prefix hit", "mean", "p50", "p90", "p99").rightAlign(1, 2, 3, 4, 5);
            row(c, "GPU only", gpuOnly.prefixHitRate(), gpuOnly.ttft());
            row(c, "with tiers", r.prefixHitRate(), r.ttft());
            sb.append('\n').append(c.render());
        }
        return sb.toString();
    }

    private static void row(TextTable t, String name, double hit, LatencyStats s) {
        t.row(name, pct(hit), ms(s.meanMs()), ms(s.p50Ms()), ms(s.p90Ms()), ms(s.p99Ms()));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.2f", v);
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String gb(double bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1e9);
    }
}
