package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Confidence;
import dev.plimsoll.optimizer.search.PercentileInterval;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as maps and lists with stable snake_case keys, for {@code --output json} and the saved
 * {@code plan.json}. Times in ms, rates per second, money in USD. Each configuration's top-level
 * figures are the simulator's (what was confirmed against the SLA); {@code analytic} holds the
 * analytic model's figures for the same deployment.
 */
public final class PlanJson {
    private PlanJson() {
    }

    public static Map<String, Object> of(PlanResult r) {
        PlanRequest q = r.request();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", q.model().id());
        List<Object> gpus = new ArrayList<>();
        for (GpuSpec g : q.gpus()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("id", g.id());
            gm.put("price_per_gpu_hour", g.pricePerGpuHourUsd());
            gpus.add(gm);
        }
        m.put("gpus", gpus);
        m.put("workload", workload(q));
        m.put("target", target(q.target()));
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("percentile", q.sla().percentile());
        sla.put("ttft_ms", q.sla().ttftMs());
        sla.put("tpot_ms", round(q.sla().tpotMs(), 3));
        sla.put("itl_ms", round(q.sla().itlMs(), 3));
        sla.put("e2e_ms", round(q.sla().e2eMs(), 3));
        m.put("sla", sla);
        m.put("mode", q.mode().key());
        m.put("search_ms", r.searchMs());
        m.put("candidates", r.candidates());
        m.put("fitted", r.fitted());
        m.put("proposals", r.proposals());
        m.put("simulations", r.simulations());
        Proposal best = r.best();
        m.put("best", best == null ? null : best.architecture().key());
        m.put("best_agg", config(r.bestAggregated()));
        m.put("best_agg_reason", r.bestAggregatedReason());
        m.put("best_disagg", config(r.bestDisaggregated()));
        m.put("best_disagg_reason", r.bestDisaggregatedReason());
        m.put("frontier", configs(r.frontier()));
        List<Object> top = new ArrayList<>();
        for (Proposal p : r.top()) {
            Map<String, Object> row = config(p);
            row.put("variant", p.variantLabel());
            row.put("variants", r.variantsOf(p));
            top.add(row);
        }
        m.put("top", top);
        m.put("notes", r.notes());
        return m;
    }

    public static List<Object> configs(List<Proposal> ps) {
        List<Object> out = new ArrayList<>();
        for (Proposal p : ps) {
            out.add(config(p));
        }
        return out;
    }

    public static Map<String, Object> config(Proposal p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", p.architecture().key());
        m.put("layout", p.describe());
        Figures f = p.figures();
        m.put("confirmed", p.confirmed());
        m.put("tokens_per_s_per_gpu", round(f.tokensPerSPerGpu(), 2));
        m.put("tokens_per_s_per_user", round(f.tokensPerSPerUser(), 2));
        m.put("ttft_ms", round(f.ttftMs(), 2));
        m.put("tpot_ms", round(f.tpotMs(), 3));
        m.put("itl_ms", round(f.itlMs(), 3));
        m.put("e2e_ms", round(f.e2eMs(), 1));
        m.put("ttft_mean_ms", round(f.ttftMeanMs(), 2));
        m.put("itl_mean_ms", round(f.itlMeanMs(), 3));
        m.put("requests_per_s", round(f.requestsPerS(), 3));
        m.put("output_tokens_per_s", round(f.outputTokensPerS(), 1));
        m.put("gpus", p.gpus());
        m.put("replicas", p.replicas());
        m.put("cost_per_hour", round(p.costPerHour(), 2));
        m.put("cost_per_million_tokens", round(p.costPerMillionTokens(), 4));
        m.put("analytic", figures(p.analytic()));
        m.put("simulated", p.simulated() == null ? null : figures(p.simulated()));
        m.put("confidence", confidence(p.confidence()));
        m.put("simulation", p.note());
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("mode", p.routing().kvAware() ? "kv" : "round-robin");
        if (p.routing().kvAware()) {
            router.put("kv_overlap_score_weight", p.routing().kvOverlapWeight());
        }
        m.put("router", router);
        if (p.diagnosis() != null) {
            m.put("bottleneck", p.diagnosis().bottleneck());
            m.put("limit", p.diagnosis().limit());
            m.put("diagnosis", p.diagnosis().detail());
        }
        List<Object> pools = new ArrayList<>();
        for (PoolPlan pool : p.pools()) {
            pools.add(pool(pool));
        }
        m.put("pools", pools);
        if (p.architecture() == Architecture.DISAGGREGATED && p.link() != null) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("bandwidth_gb_per_s", round(p.link().bandwidthBytesPerS() / 1e9, 1));
            link.put("latency_ms", round(p.link().latencyMs(), 4));
            m.put("kv_transfer", link);
        }
        return m;
    }

    public static Map<String, Object> pool(PoolPlan pool) {
        EngineCandidate c = pool.engine().candidate();
        EngineConfig e = pool.engineConfig();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", pool.role());
        m.put("gpu", c.gpu().id());
        m.put("workers", pool.workers());
        m.put("gpus_per_worker", pool.gpusPerWorker());
        m.put("gpus", pool.gpus());
        m.put("tp", c.parallelism().tp());
        m.put("pp", c.parallelism().pp());
        m.put("ep", c.parallelism().ep());
        m.put("dp", c.parallelism().dp());
        m.put("quant", c.quant().name());
        m.put("kv_cache_dtype", c.quant().kvCache().key());
        m.put("backend", c.backend().id());
        m.put("max_num_seqs", e.maxRunningRequests());
        m.put("max_num_batched_tokens", e.maxBatchedTokens());
        m.put("chunked_prefill", e.chunkedPrefill());
        m.put("cuda_graph_max_bs", e.cudaGraphMaxBatch());
        m.put("kv_capacity_tokens", e.kvCapacityTokens());
        m.put("cost_per_hour", round(pool.costPerHour(), 2));
        return m;
    }

    private static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttft_ms", round(f.ttftMs(), 2));
        m.put("tpot_ms", round(f.tpotMs(), 3));
        m.put("itl_ms", round(f.itlMs(), 3));
        m.put("e2e_ms", round(f.e2eMs(), 1));
        m.put("ttft_mean_ms", round(f.ttftMeanMs(), 2));
        m.put("itl_mean_ms", round(f.itlMeanMs(), 3));
        m.put("requests_per_s", round(f.requestsPerS(), 3));
        m.put("tokens_per_s_per_gpu", round(f.tokensPerSPerGpu(), 2));
        m.put("tokens_per_s_per_user", round(f.tokensPerSPerUser(), 2));
        return m;
    }

    /**
     * The intervals of the simulated percentiles: {@code level} (two-sided), {@code replications},
     * and for each bounded latency {@code [low, high]} in ms; null when not confirmed by replications.
     */
    public static Map<String, Object> confidence(Confidence c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", c.level());
        m.put("runs", c.runs());
        m.put("batches", c.ttft().batches());
        m.put("method", "sectioning: batch percentiles of each run, Student-t interval around the run's percentile");
        m.put("ttft_ms", bounds(c.ttft(), 2));
        m.put("itl_ms", bounds(c.itl(), 3));
        m.put("e2e_ms", bounds(c.e2e(), 1));
        return m;
    }

    private static List<Double> bounds(PercentileInterval i, int decimals) {
        List<Double> out = new ArrayList<>();
        out.add(round(i.lowMs(), decimals));
        out.add(round(i.highMs(), decimals));
        return out;
    }

    private static Map<String, Object> workload(PlanRequest q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", q.workload().description());
        m.put("mean_isl", round(q.workload().meanInputTokens(), 1));
        m.put("mean_osl", round(q.workload().meanOutputTokens(), 1));
        m.put("prefix_tokens", q.workload().prefixTokens());
        m.put("mean_cached_tokens", round(q.workload().meanCachedTokens(), 1));
        return m;
    }

    private static Map<String, Object> target(LoadTarget t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t instanceof LoadTarget.Rate) {
            m.put("rate_per_s", ((LoadTarget.Rate) t).requestsPerS());
        } else if (t instanceof LoadTarget.TotalGpus) {
            m.put("total_gpus", ((LoadTarget.TotalGpus) t).gpus());
        } else {
            m.put("concurrency", ((LoadTarget.Concurrency) t).users());
        }
        return m;
    }

    /** Rounds for readable, diffable output; NaN and infinities pass through as null. */
    public static Double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
