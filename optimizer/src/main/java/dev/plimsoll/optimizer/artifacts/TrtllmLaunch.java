package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.NumberFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TensorRT-LLM's launch of a pool: {@code trtllm-serve} flags (TensorRT-LLM 1.0, PyTorch backend)
 * and the LLM API options file both {@code trtllm-serve --extra_llm_api_options} and Dynamo's
 * {@code dynamo.trtllm --extra-engine-args} read: parallel sizes, attention DP, batch and token
 * limits, chunked prefill, CUDA-graph batch, KV-cache dtype, share and block reuse, the KV
 * transceiver of a disaggregated pool, EAGLE speculation. The weights' format is the checkpoint's
 * (TensorRT-LLM loads ModelOpt-quantised checkpoints as they are; it does not quantise online).
 */
final class TrtllmLaunch {
    private TrtllmLaunch() {
    }

    /** The options file of one pool of the deployment named {@code name}, e.g. trtllm-agg-aggregated.yaml. */
    static String configFile(String name, PoolPlan pool) {
        return "trtllm-" + name + "-" + pool.role() + ".yaml";
    }

    /** {@code trtllm-serve} arguments after the model. */
    static List<String> serveArgs(PoolPlan pool, String configPath, ArtifactOptions o) {
        EngineCandidate c = pool.engine().candidate();
        EngineConfig e = pool.engineConfig();
        Parallelism p = c.parallelism();
        List<String> a = new ArrayList<>();
        LaunchCommands.add(a, "--backend", "pytorch");
        LaunchCommands.add(a, "--host", "0.0.0.0");
        LaunchCommands.add(a, "--port", LaunchCommands.PORT);
        LaunchCommands.add(a, "--tp_size", p.tp() * p.dp());
        LaunchCommands.add(a, "--pp_size", p.pp());
        LaunchCommands.add(a, "--ep_size", p.ep());
        LaunchCommands.add(a, "--max_batch_size", e.maxRunningRequests());
        LaunchCommands.add(a, "--max_num_tokens", e.maxBatchedTokens());
        LaunchCommands.add(a, "--kv_cache_free_gpu_memory_fraction", freeMemoryFraction(pool));
        if (o.trustRemoteCode()) {
            a.add("--trust_remote_code");
        }
        LaunchCommands.add(a, "--extra_llm_api_options", configPath);
        return a;
    }

    /** The LLM API options of a pool, as YAML with a comment naming the deployment. */
    static String optionsYaml(PoolPlan pool, Architecture arch, ArtifactOptions o, String title) {
        return "# TensorRT-LLM LLM API options (trtllm-serve --extra_llm_api_options, dynamo.trtllm "
                + "--extra-engine-args)\n# " + pool.role() + " pool of " + title + "\n"
                + Yaml.write(options(pool, arch, o));
    }

    static Map<String, Object> options(PoolPlan pool, Architecture arch, ArtifactOptions o) {
        EngineCandidate c = pool.engine().candidate();
        EngineConfig e = pool.engineConfig();
        Parallelism p = c.parallelism();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", "pytorch");
        // TensorRT-LLM's tensor_parallel_size spans the stage; attention DP splits attention over it
        m.put("tensor_parallel_size", p.tp() * p.dp());
        m.put("pipeline_parallel_size", p.pp());
        m.put("moe_expert_parallel_size", p.ep());
        m.put("enable_attention_dp", p.dp() > 1);
        m.put("max_batch_size", e.maxRunningRequests());
        m.put("max_num_tokens", e.maxBatchedTokens());
        m.put("enable_chunked_prefill", e.chunkedPrefill());
        if (pool.role().equals(PoolPlan.PREFILL)) {
            // Dynamo's TensorRT-LLM prefill configs: the overlap scheduler does not run in prefill-only workers
            m.put("disable_overlap_scheduler", true);
        }
        if (o.trustRemoteCode()) {
            m.put("trust_remote_code", true);
        }
        if (e.cudaGraphMaxBatch() > 0) {
            m.put("cuda_graph_config", Yaml.map("enable_padding", true, "max_batch_size", e.cudaGraphMaxBatch()));
        }
        m.put("kv_cache_config", Yaml.map(
                "dtype", c.quant().kvCache() == NumberFormat.FP8 ? "fp8" : "auto",
                "free_gpu_memory_fraction", Double.parseDouble(freeMemoryFraction(pool)),
                "enable_block_reuse", e.prefixCaching()));
        if (arch == Architecture.DISAGGREGATED) {
            m.put("cache_transceiver_config", Yaml.map("backend", "DEFAULT"));
        }
        SpeculativeDecoding spec = e.speculative();
        if (spec.enabled() && !pool.role().equals(PoolPlan.PREFILL)) {
            m.put("speculative_config", Yaml.map("decoding_type", "Eagle", "max_draft_len", spec.draftTokens(),
                    "speculative_model_dir", LaunchCommands.draft(o)));
        }
        return m;
    }

    /**
     * TensorRT-LLM sizes its KV cache as a share of the memory still free once the weights are
     * loaded and the activations measured; the plan's KV cache over that memory, rounded down.
     */
    static String freeMemoryFraction(PoolPlan pool) {
        MemoryBreakdown m = pool.engine().replica().memory();
        double free = m.capacityBytes() - m.weightsBytes() - m.activationBytes() - m.reservedBytes();
        double f = free > 0 ? Math.floor(100.0 * m.kvCacheBytes() / free) / 100.0 : 0.0;
        return String.format(Locale.ROOT, "%.2f", Math.max(0.01, Math.min(0.95, f)));
    }
}
