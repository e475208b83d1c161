package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Engine command lines for a pool with the plan's flags: vLLM ({@code vllm serve}, engine
 * arguments of vLLM 0.11) and SGLang ({@code python3 -m sglang.launch_server}, server arguments of
 * SGLang 0.5). Parallel sizes, running-request cap, token budget, chunked prefill, CUDA-graph
 * batch, KV-cache dtype, online quantisation, the KV connector of a disaggregated pool, and EAGLE
 * speculative decoding on the pools that decode.
 */
public final class LaunchCommands {
    /** Port of the engines' OpenAI-compatible servers (vLLM's default). */
    static final int PORT = 8000;

    private LaunchCommands() {
    }

    /** Whether a worker spans several servers (multi-node: Ray for vLLM, --nnodes for SGLang). */
    public static int nodes(PoolPlan pool) {
        EngineCandidate c = pool.engine().candidate();
        int perNode = c.gpu().gpusPerNode();
        return (pool.gpusPerWorker() + perNode - 1) / perNode;
    }

    /** {@code vllm serve} arguments after the model. */
    public static List<String> vllmArgs(PoolPlan pool, Architecture arch, ArtifactOptions o) {
        EngineCandidate c = pool.engine().candidate();
        EngineConfig e = pool.engineConfig();
        Parallelism p = c.parallelism();
        List<String> a = new ArrayList<>();
        add(a, "--tensor-parallel-size", p.tp());
        if (p.pp() > 1) {
            add(a, "--pipeline-parallel-size", p.pp());
        }
        if (p.dp() > 1) {
            add(a, "--data-parallel-size", p.dp());
        }
        if (p.ep() > 1) {
            a.add("--enable-expert-parallel");
        }
        add(a, "--max-num-seqs", e.maxRunningRequests());
        add(a, "--max-num-batched-tokens", e.maxBatchedTokens());
        a.add(e.chunkedPrefill() ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill");
        // vLLM captures CUDA graphs up to max_cudagraph_capture_size (CompilationConfig, vLLM 0.11)
        add(a, "--compilation-config", "{\"max_cudagraph_capture_size\": " + e.cudaGraphMaxBatch() + "}");
        add(a, "--kv-cache-dtype", c.quant().kvCache() == NumberFormat.FP8 ? "fp8" : "auto");
        String q = onlineQuantisation(c.quant(), pool);
        if (q != null) {
            add(a, "--quantization", q);
        }
        if (e.prefixCaching()) {
            a.add("--enable-prefix-caching");
        }
        add(a, "--gpu-memory-utilization", String.format(Locale.ROOT, "%.2f", o.memoryFraction()));
        if (nodes(pool) > 1) {
            add(a, "--distributed-executor-backend", "ray");
        }
        if (arch == Architecture.DISAGGREGATED) {
            add(a, "--kv-transfer-config", "{\"kv_connector\":\"NixlConnector\",\"kv_role\":\"kv_both\"}");
        }
        SpeculativeDecoding spec = e.speculative();
        if (spec.enabled() && !pool.role().equals(PoolPlan.PREFILL)) {
            // vLLM SpeculativeConfig: EAGLE with a draft model, k tokens proposed per step
            add(a, "--speculative-config", "{\"method\":\"eagle\",\"model\":\"" + draft(o)
                    + "\",\"num_speculative_tokens\":" + spec.draftTokens() + "}");
        }
        add(a, "--port", PORT);
        return a;
    }

    /** {@code sglang.launch_server} arguments after the model path. */
    public static List<String> sglangArgs(PoolPlan pool, Architecture arch, ArtifactOptions o) {
        EngineCandidate c = pool.engine().candidate();
        EngineConfig e = pool.engineConfig();
        Parallelism p = c.parallelism();
        List<String> a = new ArrayList<>();
        // SGLang's --tp-size spans every GPU of a pipeline stage; attention DP splits it into dp groups
        add(a, "--tp-size", p.tp() * p.dp());
        if (p.pp() > 1) {
            add(a, "--pp-size", p.pp());
        }
        if (p.dp() > 1) {
            add(a, "--dp-size", p.dp());
            a.add("--enable-dp-attention");
        }
        if (p.ep() > 1) {
            add(a, "--ep-size", p.ep());
        }
        add(a, "--max-running-requests", e.maxRunningRequests() * p.dp());
        add(a, "--chunked-prefill-size", e.chunkedPrefill() ? e.maxBatchedTokens() : -1);
        add(a, "--cuda-graph-max-bs", e.cudaGraphMaxBatch());
        add(a, "--kv-cache-dtype", c.quant().kvCache() == NumberFormat.FP8 ? "fp8_e4m3" : "auto");
        String q = onlineQuantisation(c.quant(), pool);
        if (q != null) {
            add(a, "--quantization", q);
        }
        add(a, "--mem-fraction-static", String.format(Locale.ROOT, "%.2f", o.memoryFraction()));
        if (arch == Architecture.DISAGGREGATED) {
            add(a, "--disaggregation-mode", pool.role());
            add(a, "--disaggregation-transfer-backend", "nixl");
        }
        SpeculativeDecoding spec = e.speculative();
        if (spec.enabled() && !pool.role().equals(PoolPlan.PREFILL)) {
            // SGLang EAGLE: k draft steps of one candidate each (top-k 1), k + 1 tokens verified
            add(a, "--speculative-algorithm", "EAGLE");
            add(a, "--speculative-draft-model-path", draft(o));
            add(a, "--speculative-num-steps", spec.draftTokens());
            add(a, "--speculative-eagle-topk", 1);
            add(a, "--speculative-num-draft-tokens", spec.draftTokens() + 1);
        }
        add(a, "--host", "0.0.0.0");
        add(a, "--port", PORT);
        return a;
    }

    private static String draft(ArtifactOptions o) {
        return o.draftModel() == null ? "DRAFT_MODEL" : o.draftModel();
    }

    /**
     * The engines' online quantisation of a checkpoint stored in another format: FP8 weights from a
     * 16-bit checkpoint ({@code --quantization fp8} in both engines); null when the checkpoint's own
     * format runs.
     */
    static String onlineQuantisation(QuantScheme quant, PoolPlan pool) {
        QuantScheme stored = pool.engine().replica().spec().model().defaultQuant();
        if (quant.linearWeights() == stored.linearWeights() && quant.expertWeights() == stored.expertWeights()) {
            return null;
        }
        return quant.linearWeights() == NumberFormat.FP8 ? "fp8" : null;
    }

    /** A shell script launching every pool of a proposal with one engine, one block per worker. */
    public static String script(Proposal p, String engine, ArtifactOptions o) {
        StringBuilder sb = new StringBuilder("#!/usr/bin/env bash\n");
        sb.append("# ").append(engine).append(" launch commands generated by plimsoll plan: ").append(p.describe())
                .append('\n');
        sb.append(String.format(Locale.ROOT, "# %d GPUs; %.2f USD/h; confirmed by simulation: %s%n", p.gpus(),
                p.costPerHour(), p.confirmed() ? "yes" : "no"));
        if (p.architecture() == Architecture.DISAGGREGATED) {
            sb.append("# prefill and decode workers exchange KV over NIXL; put NVIDIA Dynamo (dynamo-disagg.yaml)\n")
                    .append("# or another disaggregation-aware router in front of them.\n");
        }
        sb.append("set -euo pipefail\n");
        for (PoolPlan pool : p.pools()) {
            int nodes = nodes(pool);
            sb.append(String.format(Locale.ROOT, "%n# %s: %d worker(s) of %d GPU(s)%s; run once per worker%n",
                    pool.role(), pool.workers(), pool.gpusPerWorker(),
                    nodes > 1 ? " across " + nodes + " nodes" : ""));
            if (engine.equals("vllm")) {
                if (nodes > 1) {
                    sb.append("# multi-node: start a Ray cluster first (ray start --head on the first node,\n")
                            .append("# ray start --address=HEAD:6379 on the others), then on the head node:\n");
                }
                sb.append("vllm serve ").append(o.model()).append(join(vllmArgs(pool, p.architecture(), o)))
                        .append('\n');
            } else {
                List<String> args = new ArrayList<>(sglangArgs(pool, p.architecture(), o));
                if (nodes > 1) {
                    sb.append("# multi-node: run on every node with NODE_RANK=0..").append(nodes - 1)
                            .append(" and HEAD=the first node's address\n");
                    args.add("--nnodes");
                    args.add(String.valueOf(nodes));
                    args.add("--node-rank");
                    args.add("\"$NODE_RANK\"");
                    args.add("--dist-init-addr");
                    args.add("\"$HEAD:5000\"");
                }
                sb.append("python3 -m sglang.launch_server --model-path ").append(o.model()).append(join(args))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** One flag and its value per continuation line; JSON values single-quoted for the shell. */
    private static String join(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (a.startsWith("--")) {
                sb.append(" \\\n    ").append(a);
            } else {
                sb.append(' ').append(a.startsWith("{") ? "'" + a + "'" : a);
            }
        }
        return sb.toString();
    }

    private static void add(List<String> a, String flag, Object value) {
        a.add(flag);
        a.add(String.valueOf(value));
    }
}
