package dev.plimsoll.cli;

import dev.plimsoll.cli.simulate.KvTierSizes;
import dev.plimsoll.optimizer.offload.HostOffloadAdvisor;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.StepTimeModelFactory;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierDefaults;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierKind;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.Workload;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code plan --host-offload SIZE}: after the search, whether a host-memory KV tier on every worker
 * of the best aggregated deployment lets fewer workers meet the SLA on multi-turn sessions (each
 * turn --isl new tokens after the conversation so far, --osl reply tokens, --prefix a system
 * prompt), at the plan's request rate, and whether the GPUs saved pay for the host memory.
 */
public final class HostOffloadOptions {
    /** Sessions simulated for the answer: enough for the conversations to fill the caches. */
    static final int SESSIONS = 300;

    @Option(names = "--host-offload", paramLabel = "SIZE",
            description = "Also size the best aggregated deployment with a host-memory KV tier of SIZE per worker "
                    + "(e.g. 512GB; Dynamo KVBM / SGLang HiCache) on multi-turn sessions, and say whether it pays.")
    String hostSize;

    @Option(names = "--host-memory-price", paramLabel = "USD",
            description = "Host memory price per GB-hour (default 0.004237: Google Cloud N2 custom memory, on demand).")
    Double usdPerGbHour;

    @Option(names = "--offload-turns", paramLabel = "A-B", defaultValue = "5-20",
            description = "Turns per session for --host-offload (default ${DEFAULT-VALUE}).")
    String turns;

    @Option(names = "--offload-think", paramLabel = "A-B", defaultValue = "2-30",
            description = "Seconds between a reply and the next turn for --host-offload (default ${DEFAULT-VALUE}).")
    String think;

    public boolean given() {
        return hostSize != null;
    }

    /** The answer for the plan's best aggregated deployment, or null when there is none to size. */
    public HostOffloadAdvisor.Verdict advise(PlanResult result, int isl, int osl, int systemPromptTokens) {
        if (usdPerGbHour != null && !(usdPerGbHour >= 0)) {
            throw new UserInputException("--host-memory-price must be >= 0 USD per GB-hour, got " + usdPerGbHour);
        }
        Proposal p = result.bestAggregated();
        if (p == null) {
            return null;
        }
        PoolPlan pool = p.pools().get(0);
        long bytes = KvTierSizes.bytes(hostSize, "--host-offload " + hostSize);
        KvTiers tiers = new KvTiers(List.of(KvTierDefaults.tier(KvTierKind.HOST, bytes,
                pool.engine().candidate().gpu(), pool.gpusPerWorker())), WritePolicy.WRITE_THROUGH);
        double[] t = KvTierSizes.range("--offload-turns", turns);
        double[] th = KvTierSizes.range("--offload-think", think);
        double meanTurns = (t[0] + t[1]) / 2;
        double sessionsPerS = p.load().requestsPerS() / meanTurns;
        Workload sessions = new Workload.Sessions(new MultiTurnSessions(sessionsPerS, SESSIONS, (int) t[0],
                (int) t[1], th[0] * 1000, th[1] * 1000, systemPromptTokens, 1, isl, isl, osl, osl,
                MultiTurnSessions.DEFAULT_HASH_BLOCK_TOKENS), 1L);
        HostOffloadAdvisor advisor = new HostOffloadAdvisor(new HostOffloadAdvisor.Pool(pool.engineConfig(),
                StepTimeModelFactory.of(pool.engine().steps()), pool.gpusPerWorker(), pool.costPerHour() / pool.workers()),
                sessions, result.request().sla(), 2 * pool.workers() + 2);
        return advisor.advise(tiers, price(), pool.workers());
    }

    double price() {
        return usdPerGbHour != null ? usdPerGbHour : HostOffloadAdvisor.DEFAULT_USD_PER_GB_HOUR;
    }

    /** Table lines. */
    public String render(HostOffloadAdvisor.Verdict v) {
        if (v == null) {
            return "host offload: no aggregated deployment to size\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "host offload (%s host tier per worker at %.4f USD/GB-h; multi-turn sessions of"
                + " %s turns, %s s apart): %s%n", hostSize, price(), turns, think, v.explain()));
        sb.append(String.format(Locale.ROOT, "  GPU only: prefix hit %.1f %%, TTFT p90 %.1f ms; with the host tier: prefix "
                        + "hit %.1f %%, TTFT p90 %.1f ms%n", 100 * v.gpuOnly().prefixHitRate(), v.gpuOnly().ttft().p90Ms(),
                100 * v.tiered().prefixHitRate(), v.tiered().ttft().p90Ms()));
        return sb.toString();
    }

    /** JSON. */
    public Map<String, Object> json(HostOffloadAdvisor.Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host_tier_per_worker", hostSize);
        m.put("usd_per_gb_hour", price());
        m.put("turns", turns);
        m.put("think_s", think);
        if (v == null) {
            m.put("verdict", "no aggregated deployment to size");
            return m;
        }
        m.put("gpu_only_workers", v.gpuOnlyWorkers() < 0 ? null : v.gpuOnlyWorkers());
        m.put("tiered_workers", v.tieredWorkers() < 0 ? null : v.tieredWorkers());
        m.put("gpus_saved", v.gpusSaved());
        m.put("gpu_only_usd_per_hour", finite(v.gpuOnlyUsdPerHour()));
        m.put("tiered_usd_per_hour", finite(v.tieredUsdPerHour()));
        m.put("host_memory_usd_per_hour", finite(v.hostUsdPerHour()));
        m.put("pays", v.pays());
        m.put("gpu_only_prefix_hit_rate", v.gpuOnly().prefixHitRate());
        m.put("tiered_prefix_hit_rate", v.tiered().prefixHitRate());
        m.put("gpu_only_ttft_p90_ms", finite(v.gpuOnly().ttft().p90Ms()));
        m.put("tiered_ttft_p90_ms", finite(v.tiered().ttft().p90Ms()));
        m.put("verdict", v.explain());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
