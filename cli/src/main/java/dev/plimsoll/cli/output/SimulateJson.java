package dev.plimsoll.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plimsoll.cli.simulate.DeploymentPlan;
import dev.plimsoll.cli.simulate.KvLinkPlan;
import dev.plimsoll.cli.simulate.PoolPlan;
import dev.plimsoll.cli.simulate.SimulationReport;
import dev.plimsoll.cli.simulate.Saturation;
import dev.plimsoll.cli.simulate.SlaVerdict;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code plimsoll simulate}: the simulator's result (snake_case, milliseconds, rates
 * per second) at the top level, with the inputs echoed, the fleet as built and the SLA verdict.
 * The time series goes to --timeseries, per-request records stay internal. Values the run could
 * not measure (NaN) are null.
 */
public final class SimulateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimulateJson() {
    }

    public static Map<String, Object> of(SimulationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", r.inputs());
        m.put("model", r.model());
        m.put("fleet", fleet(r.plan()));
        ObjectNode result = MAPPER.valueToTree(r.result());
        result.remove("time_series");
        result.remove("request_records");
        clean(result);
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue());
        }
        if (r.gpuOnly() != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("prefix_hit_rate", r.gpuOnly().prefixHitRate());
            ObjectNode ttft = MAPPER.valueToTree(r.gpuOnly().ttft());
            clean(ttft);
            g.put("ttft", ttft);
            g.put("requests_per_s", number(r.gpuOnly().requestsPerS()));
            m.put("gpu_only", g);
        }
        m.put("sla", sla(r));
        m.put("saturation", saturation(r));
        m.put("warnings", r.warnings());
        m.put("usd_per_million_output_tokens", number(usdPerMillionOutputTokens(r.plan(), r.result())));
        m.put("time_series_file", r.timeSeriesFile() == null ? null : r.timeSeriesFile().toString());
        m.put("time_series_samples", r.timeSeriesFile() == null ? null : r.result().timeSeries().size());
        return m;
    }

    /** Dollars per million output tokens at the simulated throughput, from the GPUs' list prices. */
    public static double usdPerMillionOutputTokens(DeploymentPlan plan, SimulationResult result) {
        double tokensPerHour = result.outputTokensPerS() * 3600.0;
        return tokensPerHour > 0 ? plan.costPerHourUsd() / tokensPerHour * 1e6 : Double.NaN;
    }

    static Map<String, Object> fleet(DeploymentPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", plan.deployment().key());
        m.put("gpus", plan.gpus());
        m.put("cost_per_hour_usd", Json.round(plan.costPerHourUsd(), 2));
        List<Map<String, Object>> pools = new ArrayList<>();
        for (PoolPlan p : plan.pools()) {
            pools.add(pool(p));
        }
        m.put("pools", pools);
        KvLinkPlan link = plan.kvLink();
        if (link != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("path", link.path());
            l.put("bandwidth_bytes_per_s", link.link().bandwidthBytesPerS());
            l.put("latency_ms", Json.round(link.link().latencyMs(), 6));
            m.put("kv_link", l);
        }
        return m;
    }

    static Map<String, Object> pool(PoolPlan p) {
        EngineConfig e = p.engine();
        var spec = p.replica().spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pool", p.role());
        m.put("gpu", spec.gpu().id());
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("tp", spec.parallelism().tp());
        layout.put("pp", spec.parallelism().pp());
        layout.put("ep", spec.parallelism().ep());
        layout.put("dp", spec.parallelism().dp());
        m.put("layout", layout);
        m.put("gpus_per_replica", p.replica().gpus());
        m.put("replicas", p.workers());
        m.put("gpus", p.gpus());
        m.put("backend", spec.backend().id());
        ResolvedQuant q = p.replica().quant();
        Map<String, Object> quant = new LinkedHashMap<>();
        quant.put("scheme", q.scheme().name());
        quant.put("linear", q.linear().tableLabel());
        quant.put("experts", q.experts().tableLabel());
        quant.put("kv_cache", q.kvCache().key());
        m.put("quant", quant);
        m.put("cuda_graph", spec.cudaGraph());
        m.put("kv_capacity_tokens_per_rank", e.kvCapacityTokens());
        m.put("kv_bytes_per_token", e.kvBytesPerToken());
        m.put("max_num_seqs", e.maxRunningRequests());
        m.put("max_num_batched_tokens", e.maxBatchedTokens());
        m.put("max_prefill_tokens", e.maxPrefillTokens());
        m.put("cuda_graph_max_bs", e.cudaGraphMaxBatch());
        m.put("chunked_prefill", e.chunkedPrefill());
        m.put("overlap_scheduling", e.overlapScheduling());
        m.put("scheduler_recv_interval", e.recvInterval());
        m.put("mixed_chunk", e.mixedChunk());
        m.put("batch_wait_timeout_iters", e.contextWaiting().batch().timeoutIters());
        m.put("batch_wait_max_tokens_ratio", e.contextWaiting().batch().maxTokensRatio());
        if (e.contextWaiting().adp().enabled()) {
            m.put("attention_dp_balance", Map.of("timeout_iters", e.contextWaiting().adp().timeoutIters(),
                    "batching_wait_iters", e.contextWaiting().adp().batchingWaitIters()));
        }
        m.put("prefix_caching", e.prefixCaching());
        m.put("block_size", e.blockTokens());
        if (e.speculative().enabled()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("draft_tokens", e.speculative().draftTokens());
            s.put("acceptance", e.speculative().acceptanceRate());
            s.put("draft_cost_ratio", Json.round(e.speculative().draftStepCostRatio(), 4));
            s.put("mean_tokens_per_step", Json.round(e.speculative().meanTokensPerStep(), 4));
            m.put("speculative", s);
        }
        m.put("memory_per_gpu", EstimateJson.memory(p.replica().memory()));
        return m;
    }

    /**
     * The targets (null where not bounded), each metric at the percentile, and the verdict; TPOT
     * is each request's mean gap, ITL each gap between tokens.
     */
    static Map<String, Object> sla(SimulationReport r) {
        if (!r.hasSla()) {
            return null;
        }
        SlaVerdict v = r.verdict();
        SlaTarget t = v.target();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttft_ms", bound(t.ttftMs()));
        m.put("tpot_ms", bound(t.tpotMs()));
        m.put("itl_ms", bound(t.itlMs()));
        m.put("e2e_ms", bound(t.e2eMs()));
        m.put("percentile", v.percentile());
        m.put("ttft_at_percentile_ms", number(v.ttftMs()));
        m.put("tpot_at_percentile_ms", number(v.tpotMs()));
        m.put("itl_at_percentile_ms", number(v.itlMs()));
        m.put("e2e_at_percentile_ms", number(v.e2eMs()));
        m.put("met", v.met());
        return m;
    }

    /** Offered against served requests per second of an open-loop run, null for a closed loop or a short run. */
    static Map<String, Object> saturation(SimulationReport r) {
        Saturation s = r.saturation();
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered_per_s", number(s.offeredPerS()));
        m.put("served_per_s", number(s.servedPerS()));
        m.put("saturated", s.saturated());
        return m;
    }

    private static Double bound(double ms) {
        return Double.isFinite(ms) ? ms : null;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? Json.round(v, 4) : null;
    }

    /** NaN and infinities become null, other numbers are rounded to 4 decimals. */
    private static void clean(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                if (child.isFloatingPointNumber()) {
                    o.set(name, clean(child.doubleValue()));
                } else {
                    clean(child);
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isFloatingPointNumber()) {
                    a.set(i, clean(a.get(i).doubleValue()));
                } else {
                    clean(a.get(i));
                }
            }
        }
    }

    private static JsonNode clean(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return NullNode.getInstance();
        }
        return MAPPER.getNodeFactory().numberNode(Json.round(v, 4));
    }
}
