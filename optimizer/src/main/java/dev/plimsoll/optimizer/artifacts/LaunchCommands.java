package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.SglangMemoryFraction;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.NumberFormat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Engine command lines for a pool with the plan's flags: vLLM ({@code vllm serve}, engine
 * arguments of vLLM 0.11) and SGLang ({@code python3 -m sglang.launch_server}, server arguments of
 * SGLang 0.5); TensorRT-LLM's are in {@link TrtllmLaunch}. Parallel sizes, running-request cap,
 * token budget, chunked prefill, CUDA-graph batch, KV-cache dtype, online quantisation, the KV
 * connector of a disaggregated pool, EAGLE speculative decoding on the pools that decode, and
 * {@code --trust-remote-code} for checkpoints that ship their own code.
 */
public final class LaunchCommands {
    /** Port of the engines' OpenAI-compatible servers (vLLM's default). */
    static final int PORT = 8000;

    private LaunchCommands() {
    }

    /** Servers one worker spans (multi-node: Ray for vLLM, --nnodes for SGLang, MPI for TensorRT-LLM). */
    public static int nodes(PoolPlan pool) {
        EngineCandidate c = pool.engine().candidate();
        int perNode = c.gpu().gpusPerNode();
        return (pool.gpusPerWorker() + perNode - 1) / perNode;
    }

    /** The engine of a proposal's pools (one engine per proposal: the search pairs pools of one engine). */
    public static String engine(Proposal p) {
        return p.pools().get(0).engine().candidate().backend().id();
    }

    /** The share of each GPU's memory the pool's engine may use: the plan's. */
    static double memoryFraction(PoolPlan pool) {
        return pool.engine().replica().spec().memoryFraction();
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
        String q = onlineQuantisation(pool, o);
        if (q != null) {
            add(a, "--quantization", q);
        }
        if (e.prefixCaching()) {
            a.add("--enable-prefix-caching");
        }
        add(a, "--gpu-memory-utilization", fraction(pool));
        if (o.trustRemoteCode()) {
            a.add("--trust-remote-code");
        }
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
        String q = onlineQuantisation(pool, o);
        if (q != null) {
            add(a, "--quantization", q);
        }
        add(a, "--mem-fraction-static", sglangFraction(pool));
        if (o.trustRemoteCode()) {
            a.add("--trust-remote-code");
        }
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

    static String draft(ArtifactOptions o) {
        return o.draftModel() == null ? "DRAFT_MODEL" : o.draftModel();
    }

    static String fraction(PoolPlan pool) {
        return String.format(Locale.ROOT, "%.2f", memoryFraction(pool));
    }

    /**
     * SGLang's --mem-fraction-static for the planned KV pool: its fraction holds the weights and the
     * pool only, activations and CUDA graphs living in the rest (SglangMemoryFraction), where the
     * plan's memory share holds them all.
     */
    static String sglangFraction(PoolPlan pool) {
        Replica replica = pool.engine().replica();
        ReplicaSpec spec = replica.spec();
        double f = SglangMemoryFraction.memFractionStatic(replica.memory(), spec.resolvedBackend(),
                spec.parallelism().gpus());
        return String.format(Locale.ROOT, "%.2f", f);
    }

    /**
     * The engines' online quantisation of a checkpoint stored in another format: FP8 weights from a
     * 16-bit checkpoint ({@code --quantization fp8} in both engines); null when the checkpoint's own
     * format runs (or the user named a checkpoint in the plan's format).
     */
    static String onlineQuantisation(PoolPlan pool, ArtifactOptions o) {
        if (o.userCheckpoint()) {
            return null;
        }
        return ArtifactOptions.onlineFp8(pool.engine().candidate().quant(), o.checkpointQuant()) ? "fp8" : null;
    }

    /**
     * A shell script launching every pool of a proposal with its engine, one block per worker.
     *
     * @param name        the deployment's name in the files beside it (agg, disagg)
     * @param dynamoGraph the Dynamo graph written beside it for a disaggregated proposal, or null
     */
    public static String script(Proposal p, ArtifactOptions o, String name, String dynamoGraph) {
        String engine = engine(p);
        StringBuilder sb = new StringBuilder("#!/usr/bin/env bash\n");
        sb.append(header(p, o, "# "));
        if (p.architecture() == Architecture.DISAGGREGATED) {
            sb.append("# prefill and decode workers exchange KV over NIXL; put ")
                    .append(dynamoGraph != null ? "NVIDIA Dynamo (" + dynamoGraph + ")"
                            : engine.equals("trtllm") ? "trtllm-serve disaggregated" : "a router such as llm-d")
                    .append(" or another\n# disaggregation-aware router in front of them.\n");
        }
        sb.append("set -euo pipefail\n");
        PoolPlan first = p.pools().get(0);
        if (o.loads(first)) {
            sb.append("MODEL=\"${MODEL:-").append(o.model()).append("}\"\n");
        } else {
            sb.append("MODEL=\"${MODEL:?set MODEL to a checkpoint stored in ")
                    .append(first.engine().candidate().quant().name()).append(" (").append(o.model())
                    .append(" stores ").append(o.checkpointQuant().name()).append(")}\"\n");
        }
        if (engine.equals("trtllm")) {
            sb.append("CONFIG_DIR=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n");
        }
        for (PoolPlan pool : p.pools()) {
            int nodes = nodes(pool);
            sb.append(String.format(Locale.ROOT, "%n# %s: %d worker(s) of %d GPU(s)%s; run once per worker%n",
                    pool.role(), pool.workers(), pool.gpusPerWorker(),
                    nodes > 1 ? " across " + nodes + " nodes" : ""));
            switch (engine) {
                case "vllm":
                    if (nodes > 1) {
                        sb.append("# multi-node: start a Ray cluster first (ray start --head on the first node,\n")
                                .append("# ray start --address=HEAD:6379 on the others), then on the head node:\n");
                    }
                    sb.append("vllm serve \"$MODEL\"").append(join(vllmArgs(pool, p.architecture(), o))).append('\n');
                    break;
                case "sglang":
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
                    sb.append("python3 -m sglang.launch_server --model-path \"$MODEL\"").append(join(args))
                            .append('\n');
                    break;
                default:
                    if (nodes > 1) {
                        sb.append("# multi-node: one MPI rank per GPU over the ").append(nodes)
                                .append(" nodes (HOSTFILE lists them)\n")
                                .append("mpirun -np ").append(pool.gpusPerWorker())
                                .append(" --hostfile \"$HOSTFILE\" trtllm-llmapi-launch \\\n    ");
                    }
                    sb.append("trtllm-serve \"$MODEL\"").append(join(TrtllmLaunch.serveArgs(pool,
                            "\"$CONFIG_DIR/" + TrtllmLaunch.configFile(name, pool) + "\"", o))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The comment block every artifact opens with: what it launches, its cost, the image and GPU
     * resource, each pool's memory plan, and whatever the user must know for it to start.
     */
    static String header(Proposal p, ArtifactOptions o, String comment) {
        String engine = engine(p);
        StringBuilder sb = new StringBuilder();
        sb.append(comment).append(engine).append(" launch generated by plimsoll plan: ").append(p.describe())
                .append('\n');
        sb.append(String.format(Locale.ROOT, "%s%d GPUs; %.2f USD/h; confirmed by simulation: %s%n", comment,
                p.gpus(), p.costPerHour(), p.confirmed() ? "yes" : "no"));
        Set<String> lines = new LinkedHashSet<>();
        for (PoolPlan pool : p.pools()) {
            EngineCandidate c = pool.engine().candidate();
            lines.add(String.format(Locale.ROOT, "%s: image %s, %d x %s per worker (%s)", pool.role(),
                    EngineImages.server(engine, c.gpu()), pool.gpusPerWorker(), c.gpu().id(),
                    EngineImages.gpuResource(c.gpu())));
            lines.add(pool.role() + ": " + memory(pool));
            String weightOnly = pool.engine().replica().quant().note();
            if (weightOnly != null && !weightOnly.isEmpty()) {
                lines.add(weightOnly + " per GEMM (the weights stay " + c.quant().name() + " in memory)");
            }
            o.checkpointProblem(pool).ifPresent(lines::add);
        }
        if (o.trustRemoteCode()) {
            lines.add(o.model() + " ships its own model code (auto_map in config.json): launched with "
                    + "trust-remote-code");
        }
        for (String line : lines) {
            sb.append(comment).append(line).append('\n');
        }
        return sb.toString();
    }

    /** "memory per GPU: weights 17.16 GB + KV 113.22 GB + activations 0.91 GB + reserved 4.97 GB of 141.4 GB x 0.90". */
    static String memory(PoolPlan pool) {
        MemoryBreakdown m = pool.engine().replica().memory();
        return String.format(Locale.ROOT, "memory per GPU: weights %.2f GB + KV cache %.2f GB + activations %.2f GB "
                        + "+ reserved %.2f GB = %.2f GB of %.2f GB x %s", m.weightsBytes() / 1e9,
                m.kvCacheBytes() / 1e9, m.activationBytes() / 1e9, m.reservedBytes() / 1e9, m.totalBytes() / 1e9,
                m.capacityBytes() / 1e9, fraction(pool));
    }

    /** One flag and its value per continuation line; JSON values single-quoted for the shell. */
    static String join(List<String> args) {
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

    static void add(List<String> a, String flag, Object value) {
        a.add(flag);
        a.add(String.valueOf(value));
    }
}
