package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierDefaults;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierKind;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierSpec;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KV tiers below GPU memory, given as Plimsoll's own list or with the engines' flags: SGLang
 * HiCache's --hicache-size / --hicache-ratio / --hicache-write-policy, Dynamo KVBM's
 * DYN_KVBM_CPU_CACHE_GB / DYN_KVBM_DISK_CACHE_GB. Bandwidths and latencies come from the GPU's
 * node ({@link KvTierDefaults}). The tiers go to every aggregated worker, or to the prefill workers
 * of a disaggregated fleet (where prompts are computed and reused).
 */
public final class KvTierOptions {
    @Option(names = "--kv-tiers", paramLabel = "SPEC", order = 60,
            description = "KV tiers of every worker below GPU memory, fastest first: host:SIZE[,disk:SIZE][,remote:SIZE] "
                    + "(SIZE like 512GB or 4TB, per worker), each optionally @RATE, the tier-to-GPU rate of the worker "
                    + "if you measured it (host:512GB@48GB/s; default from the node: PCIe, NVLink-C2C, NVMe, NIC). "
                    + "Runs the fleet GPU-only as well and reports both.")
    String tiers;

    @Option(names = {"--kv-write-policy", "--hicache-write-policy"}, paramLabel = "P", order = 61,
            description = "When blocks are copied to host memory: write-through (as computed; KVBM, HiCache "
                    + "write_through), write-through-selective (on reuse) or write-back (on GPU eviction) "
                    + "(default write-through).")
    String writePolicy;

    @Option(names = "--hicache-size", paramLabel = "GB", order = 62,
            description = "SGLang HiCache: host KV pool of GB gigabytes per GPU (one per TP rank).")
    Double hicacheSizeGb;

    @Option(names = "--hicache-ratio", paramLabel = "R", order = 63,
            description = "SGLang HiCache: host KV pool R times the GPU KV pool.")
    Double hicacheRatio;

    @Option(names = "--kvbm-cpu-cache-gb", paramLabel = "GB", order = 64,
            description = "Dynamo KVBM DYN_KVBM_CPU_CACHE_GB: host tier (G2) of GB gigabytes per worker.")
    Double kvbmCpuGb;

    @Option(names = "--kvbm-disk-cache-gb", paramLabel = "GB", order = 65,
            description = "Dynamo KVBM DYN_KVBM_DISK_CACHE_GB: disk tier (G3) of GB gigabytes per worker.")
    Double kvbmDiskGb;

    @Option(names = "--no-tier-baseline", order = 66,
            description = "With KV tiers, skip the GPU-only comparison run.")
    boolean noBaseline;

    public boolean given() {
        return tiers != null || hicacheSizeGb != null || hicacheRatio != null || kvbmCpuGb != null
                || kvbmDiskGb != null;
    }

    /** Whether to simulate the fleet without tiers too. */
    public boolean baseline() {
        return given() && !noBaseline;
    }

    public void validate() {
        int forms = (tiers != null ? 1 : 0) + (hicacheSizeGb != null || hicacheRatio != null ? 1 : 0)
                + (kvbmCpuGb != null || kvbmDiskGb != null ? 1 : 0);
        if (forms > 1) {
            throw new UserInputException("give the KV tiers one way: --kv-tiers, the HiCache flags or the KVBM flags");
        }
        if (hicacheSizeGb != null && hicacheRatio != null) {
            throw new UserInputException("--hicache-size overrides --hicache-ratio (as in SGLang): give one");
        }
        Checks.positive("--hicache-size", hicacheSizeGb);
        Checks.positive("--hicache-ratio", hicacheRatio);
        Checks.positive("--kvbm-cpu-cache-gb", kvbmCpuGb);
        Checks.positive("--kvbm-disk-cache-gb", kvbmDiskGb);
        if (kvbmDiskGb != null && kvbmCpuGb == null) {
            throw new UserInputException("--kvbm-disk-cache-gb needs --kvbm-cpu-cache-gb: KVBM stages disk blocks"
                    + " through host memory");
        }
        Checks.onlyWith("--kv-write-policy", writePolicy, given(), "with KV tiers (--kv-tiers, --hicache-*, --kvbm-*)");
        Checks.onlyWith("--no-tier-baseline", noBaseline ? Boolean.TRUE : null, given(), "with KV tiers");
        policy();
        if (tiers != null) {
            parse(tiers);
        }
    }

    private WritePolicy policy() {
        return writePolicy == null ? WritePolicy.WRITE_THROUGH : WritePolicy.of(writePolicy);
    }

    /** The plan with the tiers on its workers; the plan itself without tiers. */
    public DeploymentPlan apply(DeploymentPlan plan) {
        if (!given()) {
            return plan;
        }
        List<PoolPlan> pools = new ArrayList<>();
        for (PoolPlan p : plan.pools()) {
            boolean tiered = !"decode".equals(p.role());
            pools.add(tiered ? new PoolPlan(p.role(), p.replica(), p.engine().withKvTiers(tiers(p)), p.workers()) : p);
        }
        Deployment d = plan.deployment();
        Deployment tieredDeployment;
        if (d instanceof Deployment.Aggregated a) {
            tieredDeployment = new Deployment.Aggregated(pools.get(0).pool(), a.router(), a.kvOverlapWeight());
        } else {
            Deployment.Disaggregated dis = (Deployment.Disaggregated) d;
            tieredDeployment = new Deployment.Disaggregated(pools.get(0).pool(), pools.get(1).pool(), dis.link(),
                    dis.prefillRouter(), dis.decodeRouter(), dis.kvOverlapWeight());
        }
        return new DeploymentPlan(tieredDeployment, pools, plan.kvLink());
    }

    /** The tiers of one worker of a pool. */
    KvTiers tiers(PoolPlan pool) {
        var gpu = pool.replica().spec().gpu();
        int gpus = pool.replica().gpus();
        EngineConfig e = pool.engine();
        List<KvTierSpec> specs = new ArrayList<>();
        if (tiers != null) {
            for (Map.Entry<KvTierKind, TierArg> t : parse(tiers).entrySet()) {
                KvTierSpec spec = KvTierDefaults.tier(t.getKey(), t.getValue().bytes(), gpu, gpus);
                Double rate = t.getValue().readBytesPerS();
                specs.add(rate == null ? spec : spec.withReadBytesPerS(rate, "read rate as given"));
            }
        } else if (hicacheSizeGb != null || hicacheRatio != null) {
            long bytes = hicacheSizeGb != null ? (long) (hicacheSizeGb * 1e9 * gpus)
                    : (long) (hicacheRatio * e.kvCapacityTokens() * e.attentionDpRanks() * (double) e.kvBytesPerToken());
            specs.add(KvTierDefaults.tier(KvTierKind.HOST, bytes, gpu, gpus));
        } else {
            specs.add(KvTierDefaults.tier(KvTierKind.HOST, (long) (kvbmCpuGb * 1e9), gpu, gpus));
            if (kvbmDiskGb != null) {
                specs.add(KvTierDefaults.tier(KvTierKind.DISK, (long) (kvbmDiskGb * 1e9), gpu, gpus));
            }
        }
        return new KvTiers(specs, policy());
    }

    /** One tier of --kv-tiers: its size and its read rate (bytes per second, per worker; null when not given). */
    record TierArg(long bytes, Double readBytesPerS) {
    }

    /** "host:512GB,disk:4TB" or "host:512GB@48GB/s" in the order given. */
    static Map<KvTierKind, TierArg> parse(String spec) {
        Map<KvTierKind, TierArg> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int colon = p.indexOf(':');
            if (colon < 0) {
                throw new UserInputException("--kv-tiers: '" + p + "' needs the form TIER:SIZE, e.g. host:512GB");
            }
            KvTierKind kind = KvTierKind.of(p.substring(0, colon));
            String value = p.substring(colon + 1).trim();
            Double rate = null;
            int at = value.indexOf('@');
            if (at >= 0) {
                String r = value.substring(at + 1).trim();
                if (!r.toLowerCase(java.util.Locale.ROOT).endsWith("/s")) {
                    throw new UserInputException("--kv-tiers " + p + ": the rate after @ needs a unit per second, "
                            + "e.g. @48GB/s, got '" + r + "'");
                }
                rate = (double) KvTierSizes.bytes(r.substring(0, r.length() - 2), "--kv-tiers " + p + " (rate)");
                value = value.substring(0, at).trim();
            }
            if (m.put(kind, new TierArg(KvTierSizes.bytes(value, "--kv-tiers " + p), rate)) != null) {
                throw new UserInputException("--kv-tiers: tier " + kind.key() + " is given twice");
            }
        }
        // validates order and the host tier on top
        new KvTiers(m.keySet().stream().map(k -> new KvTierSpec(k, 1, 1, 1, 0, "")).toList(), WritePolicy.WRITE_THROUGH);
        return m;
    }

    /** The options as given, for the JSON echo. */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kv_tiers", tiers);
        m.put("kv_write_policy", given() ? policy().key() : null);
        m.put("hicache_size_gb", hicacheSizeGb);
        m.put("hicache_ratio", hicacheRatio);
        m.put("kvbm_cpu_cache_gb", kvbmCpuGb);
        m.put("kvbm_disk_cache_gb", kvbmDiskGb);
        return m;
    }
}
