package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.EngineBuilder;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.OfferedLoad;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.sizing.TransferLinks;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Hand-built proposals covering every kind of layout the artifacts must express. */
final class ArtifactFixtures {
    static final Figures FIGURES = new Figures(100, 10, 10, 5000, 80, 9, 10, 5000, 500, 110);

    private ArtifactFixtures() {
    }

    static BuiltEngine engine(String model, String gpu, Parallelism p, QuantScheme q, int budget) {
        return engine(model, gpu, p, q, budget, "vllm");
    }

    static BuiltEngine engine(String model, String gpu, Parallelism p, QuantScheme q, int budget, String backend) {
        EngineBuilder b = new EngineBuilder(Plans.REGISTRY.model(model), CostModelProvider.roofline(), 0.9);
        EngineBuilder.Result r = b.build(new EngineCandidate(Plans.REGISTRY.gpu(gpu), p, q,
                BackendProfiles.get(backend), budget, true));
        if (r.engine() == null) {
            throw new IllegalStateException(r.reason());
        }
        return r.engine();
    }

    /** Llama 3.1 8B, 3 single-GPU aggregated replicas. */
    static Proposal aggregatedSingleGpu() {
        BuiltEngine e = engine("llama-3.1-8b", "h100-sxm", Parallelism.tp(1), QuantPresets.get("bf16"), 8192);
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, 3, 64)), null,
                new OfferedLoad(10, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Qwen3 32B FP8 (online quantisation, FP8 KV), TP2 prefill and a TP8 x PP2 decode worker over two nodes. */
    static Proposal disaggregatedMultiNode() {
        QuantScheme q = QuantPresets.get("fp8").withKvCache(NumberFormat.FP8);
        BuiltEngine prefill = engine("qwen3-32b", "h200-sxm", Parallelism.tp(2), q, 4096);
        BuiltEngine decode = engine("qwen3-32b", "h200-sxm", new Parallelism(8, 2, 1, 1), q, 1024);
        return new Proposal(Architecture.DISAGGREGATED, List.of(new PoolPlan(PoolPlan.PREFILL, prefill, 4, 256),
                new PoolPlan(PoolPlan.DECODE, decode, 2, 180)), TransferLinks.between(prefill, decode),
                new OfferedLoad(40, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Qwen3 30B-A3B MoE with attention DP 4 and expert parallelism over all 8 GPUs. */
    static Proposal aggregatedMoe() {
        BuiltEngine e = engine("qwen3-30b-a3b", "h200-sxm", new Parallelism(2, 1, 8, 4), QuantPresets.get("bf16"),
                8192);
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, 2, 128)), null,
                new OfferedLoad(20, 0), FIGURES, FIGURES, null, null, "");
    }

    /** The multi-node disaggregated deployment on SGLang workers. */
    static Proposal disaggregatedSglang() {
        QuantScheme q = QuantPresets.get("fp8").withKvCache(NumberFormat.FP8);
        BuiltEngine prefill = engine("qwen3-32b", "h200-sxm", Parallelism.tp(2), q, 4096, "sglang");
        BuiltEngine decode = engine("qwen3-32b", "h200-sxm", new Parallelism(8, 2, 1, 1), q, 1024, "sglang");
        return new Proposal(Architecture.DISAGGREGATED, List.of(new PoolPlan(PoolPlan.PREFILL, prefill, 4, 256),
                new PoolPlan(PoolPlan.DECODE, decode, 2, 180)), TransferLinks.between(prefill, decode),
                new OfferedLoad(40, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Llama 3.1 8B with EAGLE speculation (3 draft tokens). */
    static Proposal aggregatedSpeculative() {
        EngineBuilder b = new EngineBuilder(Plans.REGISTRY.model("llama-3.1-8b"), CostModelProvider.roofline(), 0.9);
        BuiltEngine e = b.build(new EngineCandidate(Plans.REGISTRY.gpu("h100-sxm"), Parallelism.tp(1),
                QuantPresets.get("bf16"), BackendProfiles.get("vllm"), 8192, true,
                new SpeculativeDecoding(3, 0.7, 0.1))).engine();
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, 2, 64)), null,
                new OfferedLoad(10, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Llama 3.1 8B on TensorRT-LLM, 2 single-GPU aggregated replicas with an FP8 KV cache. */
    static Proposal aggregatedTrtllm() {
        BuiltEngine e = engine("llama-3.1-8b", "h100-sxm", Parallelism.tp(1),
                QuantPresets.get("bf16").withKvCache(NumberFormat.FP8), 8192, "trtllm");
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, 2, 64)), null,
                new OfferedLoad(10, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Qwen3 32B on TensorRT-LLM: TP2 prefill and TP4 decode workers on H200. */
    static Proposal disaggregatedTrtllm() {
        QuantScheme q = QuantPresets.get("bf16");
        BuiltEngine prefill = engine("qwen3-32b", "h200-sxm", Parallelism.tp(2), q, 4096, "trtllm");
        BuiltEngine decode = engine("qwen3-32b", "h200-sxm", Parallelism.tp(4), q, 1024, "trtllm");
        return new Proposal(Architecture.DISAGGREGATED, List.of(new PoolPlan(PoolPlan.PREFILL, prefill, 3, 256),
                new PoolPlan(PoolPlan.DECODE, decode, 1, 180)), TransferLinks.between(prefill, decode),
                new OfferedLoad(20, 0), FIGURES, FIGURES, null, null, "");
    }

    /** Llama 3.1 70B on two AMD MI300X replicas of TP2, vLLM. */
    static Proposal aggregatedAmd() {
        BuiltEngine e = engine("llama-3.1-70b", "mi300x", Parallelism.tp(2), QuantPresets.get("bf16"), 8192);
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, 2, 64)), null,
                new OfferedLoad(5, 0), FIGURES, FIGURES, null, null, "");
    }

    static List<Proposal> all() {
        return List.of(aggregatedSingleGpu(), disaggregatedMultiNode(), aggregatedMoe(), aggregatedSpeculative());
    }

    /** A checked-in list of an engine's CLI flags (test resources engine-flags/NAME.txt). */
    static Set<String> flags(String name) {
        try (InputStream in = ArtifactFixtures.class.getResourceAsStream("/engine-flags/" + name + ".txt")) {
            Set<String> out = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
