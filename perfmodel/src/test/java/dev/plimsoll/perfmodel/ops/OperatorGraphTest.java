package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorGraphTest {
    private static final GpuSpec H100 = TestSpecs.gpu("h100-sxm");

    private static Map<String, Op> ops(ModelSpec m, Parallelism p, StepBatch b) {
        OperatorGraph g = new OperatorGraph(m, H100, p, QuantResolver.resolve(m.defaultQuant(), H100));
        List<Op> ops = g.ops(b);
        return ops.stream().collect(Collectors.toMap(Op::name, Function.identity(), (a, c) -> a));
    }

    private static OpShape.MlaBmm absorption(String gpu, ReleaseGraph release) {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        GpuSpec g = TestSpecs.gpu(gpu);
        List<Op> ops = new OperatorGraph(ds, g, Parallelism.tp(8), QuantResolver.resolve(ds.defaultQuant(), g),
                "trtllm", release).ops(StepBatch.decode(4, 1000));
        return (OpShape.MlaBmm) ops.stream().filter(o -> o.name().equals("mla_absorb_k")).findFirst().orElseThrow()
                .shape();
    }

    @Test
    void mlaAbsorptionRunsFp8WhereTheReleaseKeptKvBProjAndTheGpuHasTheKernel() {
        ReleaseGraph kept = ReleaseGraph.CURRENT.withKvBProjInCheckpointFormat(true);
        assertEquals(new OpShape.MlaBmm(4, 16, true, true), absorption("h200-sxm", kept),
                "block-FP8 DeepSeek on SM90: fp8_block_scaling_bmm_out, 128 heads / 8");
        assertFalse(absorption("b200-sxm", kept).fp8(), "SM100 dequantises to BF16 at load");
        assertFalse(absorption("h200-sxm", ReleaseGraph.CURRENT).fp8(), "today's releases exclude kv_b_proj");
    }

    private static Map<String, Op> llama70b(String backend, ReleaseGraph release, int tp) {
        ModelSpec llama = TestSpecs.model("llama-3.1-70b");
        GpuSpec h200 = TestSpecs.gpu("h200-sxm");
        var quant = QuantResolver.resolve(dev.plimsoll.perfmodel.specs.QuantPresets.get("fp8")
                .withKvCache(dev.plimsoll.perfmodel.specs.NumberFormat.FP8), h200);
        List<Op> ops = new OperatorGraph(llama, h200, Parallelism.tp(tp), quant, backend, release)
                .ops(StepBatch.decode(4, 1000));
        return ops.stream().collect(Collectors.toMap(Op::name, Function.identity(), (a, c) -> a));
    }

    private static boolean quantised(Map<String, Op> ops, String name) {
        return ((OpShape.Gemm) ops.get(name).shape()).quantisedInput();
    }

    @Test
    void tensorRtLlmLlamaFusesItsNormsAndQuantisationIntoTheAllReduceAboveTp1() {
        Map<String, Op> tp8 = llama70b("trtllm", ReleaseGraph.CURRENT, 8);
        assertFalse(tp8.containsKey("input_norm") || tp8.containsKey("post_attention_norm"),
                "both RMSNorms run inside the fused all-reduces");
        for (String gemm : List.of("qkv_proj", "o_proj", "mlp_gate_up", "mlp_down")) {
            assertTrue(quantised(tp8, gemm), gemm + ": FP8 input from the all-reduce, attention or SwiGLU");
        }
        Map<String, Op> tp1 = llama70b("trtllm", ReleaseGraph.CURRENT, 1);
        assertTrue(tp1.containsKey("input_norm"), "no all-reduce to fuse into at TP 1");
        assertFalse(quantised(tp1, "qkv_proj"));
        assertTrue(quantised(tp1, "o_proj") && quantised(tp1, "mlp_down"), "the FP8 epilogues stay");
        Map<String, Op> old = llama70b("trtllm", ReleaseGraph.CURRENT.withoutTrtllmFusions(), 8);
        assertTrue(old.containsKey("input_norm") && !quantised(old, "o_proj"), "a release before 1.1");
        Map<String, Op> vllm = llama70b("vllm", ReleaseGraph.CURRENT, 8);
        assertTrue(vllm.containsKey("post_attention_norm") && !quantised(vllm, "mlp_down"), "TensorRT-LLM only");
    }

    @Test
    void llamaLayerFlopsMatchHandComputation() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        long t = 1024;
        Map<String, Op> ops = ops(llama, Parallelism.SINGLE, StepBatch.prefill(1, (int) t));
        // hidden 4096, 32 heads x 128, 8 KV heads x 128, FFN 14336, 32 layers
        assertEquals(2.0 * t * 4096 * (4096 + 2 * 1024), ops.get("qkv_proj").flops());
        assertEquals(2.0 * t * 4096 * 4096, ops.get("o_proj").flops());
        assertEquals(2.0 * t * 4096 * 2 * 14336, ops.get("mlp_gate_up").flops());
        assertEquals(2.0 * t * 14336 * 4096, ops.get("mlp_down").flops());
        // causal: QK^T and PV, 2 flops per multiply-add, over 1 + 2 + ... + 1024 keys per head
        assertEquals(4.0 * 32 * 128 * (t * (t + 1) / 2), ops.get("attention_prefill").flops());
        assertEquals(32, ops.get("qkv_proj").repeat());
        // lm head runs on the last token only
        assertEquals(2.0 * 1 * 128256 * 4096, ops.get("lm_head").flops());
        double layerFlops = ops.values().stream().filter(o -> o.repeat() == 32).mapToDouble(Op::flops).sum();
        // 2 x active params x tokens + attention, per layer: ~0.87 TFLOP for 1024 tokens
        double linear = 2.0 * t * (4096.0 * 6144 + 4096.0 * 4096 + 3.0 * 4096 * 14336);
        assertEquals(linear + 4.0 * 32 * 128 * (t * (t + 1) / 2), layerFlops, 1e-3 * layerFlops);
    }

    @Test
    void tensorParallelShardsHeadsAndAddsTwoAllReducesPerLayer() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        Map<String, Op> ops = ops(llama, Parallelism.tp(2), StepBatch.decode(8, 2000));
        OpShape.Gemm qkv = (OpShape.Gemm) ops.get("qkv_proj").shape();
        assertEquals((16 + 2 * 4) * 128, qkv.n());
        assertEquals(8, qkv.m());
        OperatorGraph g = new OperatorGraph(llama, H100, Parallelism.tp(2), QuantResolver.resolve(llama.defaultQuant(), H100));
        long allReduces = g.ops(StepBatch.decode(8, 2000)).stream()
                .filter(o -> o.name().equals("tp_allreduce")).mapToLong(Op::repeat).sum();
        assertEquals(2 * 32, allReduces);
        OpShape.Attention a = (OpShape.Attention) ops.get("attention_decode").shape();
        assertEquals(16, a.heads());
        assertEquals(4, a.kvHeads());
        assertEquals(2000, a.prefixTokens());
    }

    @Test
    void kvHeadsAreReplicatedWhenTpExceedsThem() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        OpShape.Attention a = (OpShape.Attention) ops(llama, Parallelism.tp(16), StepBatch.decode(1, 10))
                .get("attention_decode").shape();
        assertEquals(2, a.heads());
        assertEquals(1, a.kvHeads());
    }

    @Test
    void deepSeekRunsMlaAndMoeWithExpertParallelDispatch() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        Map<String, Op> ops = ops(ds, new Parallelism(1, 1, 8, 8), StepBatch.decode(16, 4000));
        assertTrue(ops.containsKey("mla_decode"));
        assertTrue(ops.containsKey("ep_dispatch"));
        assertTrue(ops.containsKey("ep_combine"));
        OpShape.Moe moe = (OpShape.Moe) ops.get("moe_experts").shape();
        assertEquals(16 * 8, moe.tokens());
        assertEquals(8, moe.moeEp());
        assertEquals(1, moe.moeTp());
        assertEquals(58, ops.get("moe_experts").repeat());
        assertEquals(3, ops.get("mlp_gate_up").repeat());
        assertFalse(ops.containsKey("tp_allreduce"));
    }

    @Test
    void moeWeightTrafficGrowsWithTokensUntilAllExpertsAreTouched() {
        ModelSpec q = TestSpecs.model("qwen3-30b-a3b");
        double one = ops(q, Parallelism.SINGLE, StepBatch.decode(1, 100)).get("moe_experts").bytes();
        double many = ops(q, Parallelism.SINGLE, StepBatch.decode(64, 100)).get("moe_experts").bytes();
        double lots = ops(q, Parallelism.SINGLE, StepBatch.decode(4096, 100)).get("moe_experts").bytes();
        assertTrue(many > 5 * one, "64 tokens touch many more experts than 1");
        // 4096 tokens touch all 128 experts: weight bytes saturate at the full expert set
        double allExperts = 128.0 * 3 * 2048 * 768 * 2;
        assertTrue(lots > allExperts && lots < allExperts * 2, "saturated at all experts: " + lots);
    }

    @Test
    void slidingWindowLayersReadOnlyTheirWindow() {
        ModelSpec oss = TestSpecs.model("gpt-oss-120b");
        OperatorGraph g = new OperatorGraph(oss, H100, Parallelism.SINGLE, QuantResolver.resolve(oss.defaultQuant(), H100));
        List<Op> att = g.ops(StepBatch.decode(4, 100_000)).stream()
                .filter(o -> o.kind() == OpKind.ATTENTION_DECODE).collect(Collectors.toList());
        assertEquals(2, att.size());
        double full = Math.max(att.get(0).bytes(), att.get(1).bytes());
        double sliding = Math.min(att.get(0).bytes(), att.get(1).bytes());
        assertTrue(full > 500 * sliding, "full " + full + " vs sliding " + sliding);
    }
}
