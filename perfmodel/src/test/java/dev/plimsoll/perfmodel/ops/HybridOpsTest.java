package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.RooflineCostModel;
import dev.plimsoll.perfmodel.memory.KvCacheModel;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.SharedData;
import dev.plimsoll.perfmodel.specs.hf.HfConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator graphs and cache sizes of gated DeltaNet (Qwen3.5) and DeepSeek sparse attention (GLM-5). */
class HybridOpsTest {
    private static final GpuSpec H200 = TestSpecs.gpu("h200-sxm");
    private static final Parallelism TP8 = Parallelism.tp(8);
    private static final ModelSpec QWEN35 = HfConfigLoader.load(SharedData.hfConfig("Qwen--Qwen3.5-397B-A17B.json"));
    private static final ModelSpec GLM5 = HfConfigLoader.load(SharedData.hfConfig("zhipuai--GLM-5.json"));

    private static List<Op> ops(ModelSpec m, StepBatch b) {
        return new OperatorGraph(m, H200, TP8, QuantResolver.resolve(m.defaultQuant(), H200)).ops(b);
    }

    private static Map<String, Op> byName(List<Op> ops) {
        return ops.stream().collect(Collectors.toMap(Op::name, Function.identity(), (a, c) -> a));
    }

    private static int repeats(List<Op> ops, String name) {
        return ops.stream().filter(o -> o.name().equals(name)).mapToInt(Op::repeat).sum();
    }

    private static double stepMs(ModelSpec m, StepBatch b) {
        OpCostModel cost = new RooflineCostModel(H200, TestSpecs.backend("sglang"));
        return ops(m, b).stream().mapToDouble(o -> cost.cost(o).timeMs() * o.repeat()).sum();
    }

    @Test
    void qwen35RunsGatedDeltaNetOnFortyFiveLayersAndAttentionOnFifteen() {
        List<Op> ops = ops(QWEN35, new StepBatch(1, 2048, 0, 8, 4000));
        for (String linear : List.of("linear_in_proj", "linear_conv1d_prefill", "linear_delta_rule_prefill",
                "linear_conv1d_decode", "linear_delta_rule_decode", "linear_gated_norm", "linear_out_proj")) {
            assertEquals(45, repeats(ops, linear), linear);
        }
        for (String attention : List.of("qkv_proj", "attention_prefill", "attention_decode", "o_proj")) {
            assertEquals(15, repeats(ops, attention), attention);
        }
        assertEquals(60, repeats(ops, "input_norm"));
        assertEquals(60, repeats(ops, "moe_experts"));
        Map<String, Op> named = byName(ops);
        // tp8: 16 key heads -> 2, 64 value heads -> 8 per GPU
        OpShape.Gdn gdn = (OpShape.Gdn) named.get("linear_delta_rule_prefill").shape();
        assertEquals(new OpShape.Gdn(true, 1, 2048, 2, 128, 8, 128, 4), gdn);
        // in_proj: q and k (2 x 2 x 128), v and z (2 x 8 x 128); in_proj_ba: beta and decay (2 x 8), in BF16
        assertEquals(2 * 2 * 128 + 2 * 8 * 128, ((OpShape.Gemm) named.get("linear_in_proj").shape()).n());
        assertEquals(2 * 8, ((OpShape.Gemm) named.get("linear_in_proj_ba").shape()).n());
        assertEquals(Precision.BF16, ((OpShape.Gemm) named.get("linear_in_proj_ba").shape()).precision());
        // gated full attention: query and gate (2 x 4 heads) plus one replicated KV head pair, x 256
        assertEquals((2 * 4 + 2) * 256, ((OpShape.Gemm) named.get("qkv_proj").shape()).n());
    }

    @Test
    void gatedDeltaNetDecodeDoesNotGrowWithContext() {
        Map<String, Op> shortCtx = byName(ops(QWEN35, StepBatch.decode(32, 1_000)));
        Map<String, Op> longCtx = byName(ops(QWEN35, StepBatch.decode(32, 200_000)));
        for (String linear : List.of("linear_conv1d_decode", "linear_delta_rule_decode")) {
            assertEquals(shortCtx.get(linear).flops(), longCtx.get(linear).flops(), linear);
            assertEquals(shortCtx.get(linear).bytes(), longCtx.get(linear).bytes(), linear);
        }
        assertTrue(longCtx.get("attention_decode").bytes() > 100 * shortCtx.get("attention_decode").bytes());
        // the recurrent state read and written per request per layer: 8 heads x 128 x 128 fp32, twice
        assertTrue(shortCtx.get("linear_delta_rule_decode").bytes() > 32 * 2.0 * 8 * 128 * 128 * 4);
    }

    @Test
    void sparseDecodeGrowsFarSlowerWithContextThanDenseMlaBeyondTopK() {
        MlaSpec sparse = GLM5.attention().mla();
        MlaSpec denseMla = new MlaSpec(sparse.qLoraRank(), sparse.kvLoraRank(), sparse.qkNopeHeadDim(),
                sparse.qkRopeHeadDim(), sparse.vHeadDim());
        AttentionSpec a = GLM5.attention();
        ModelSpec dense = new ModelSpec(GLM5.id(), GLM5.name(), GLM5.source(), GLM5.architecture(), GLM5.hiddenSize(),
                GLM5.vocabSize(), GLM5.tiedEmbeddings(), new AttentionSpec(a.kind(), a.numHeads(), a.numKvHeads(),
                a.headDim(), a.qkvBias(), denseMla), GLM5.intermediateSize(), GLM5.moe(), GLM5.layers(),
                GLM5.defaultQuant(), GLM5.maxContextTokens());
        int batch = 32;
        double sparseGrowth = stepMs(GLM5, StepBatch.decode(batch, 131_072)) - stepMs(GLM5, StepBatch.decode(batch, 4_096));
        double denseGrowth = stepMs(dense, StepBatch.decode(batch, 131_072)) - stepMs(dense, StepBatch.decode(batch, 4_096));
        assertTrue(sparseGrowth > 0, "the indexer still reads every index key: " + sparseGrowth);
        assertTrue(denseGrowth > 5 * sparseGrowth, "dense +" + denseGrowth + " ms, sparse +" + sparseGrowth + " ms");
        // past top-k the sparse attention itself is flat; only the indexer and top-k grow
        Map<String, Op> at4k = byName(ops(GLM5, StepBatch.decode(batch, 4_096)));
        Map<String, Op> at128k = byName(ops(GLM5, StepBatch.decode(batch, 131_072)));
        assertEquals(at4k.get("dsa_decode").flops(), at128k.get("dsa_decode").flops());
        assertTrue(at128k.get("dsa_indexer_decode").flops() > 30 * at4k.get("dsa_indexer_decode").flops());
        assertFalse(at4k.containsKey("mla_decode"));
        // within top-k no selection runs
        assertFalse(byName(ops(GLM5, StepBatch.decode(batch, 1_000))).containsKey("dsa_topk_decode"));
        assertTrue(at4k.containsKey("dsa_topk_decode"));
    }

    @Test
    void gatedDeltaNetStateIsPerRequestAndIndependentOfContext() {
        KvCacheModel kv = KvCacheModel.of(QWEN35, TP8, NumberFormat.BF16);
        // 15 full-attention layers, 2 KV heads replicated to 1 per GPU at tp8, head_dim 256, K and V in bf16
        assertEquals(15 * 2 * 1 * 256 * 2.0, kv.fullBytesPerToken());
        // 45 layers x (8 value heads x 128 x 128 fp32 state + 3 conv inputs x 12288 / 8 channels in bf16)
        double perLayer = 8 * 128 * 128 * 4.0 + 3 * (12288 / 8) * 2.0;
        assertEquals(45 * perLayer, kv.stateBytesPerRequest());
        assertEquals(kv.requestBytes(1_000) - 1_000 * kv.fullBytesPerToken(),
                kv.requestBytes(200_000) - 200_000 * kv.fullBytesPerToken(), 1e-6);
        double pool = 60e9;
        assertTrue(kv.capacityTokens(pool, 256) < kv.capacityTokens(pool));
        assertEquals(kv.capacityTokens(pool - 256 * kv.stateBytesPerRequest()), kv.capacityTokens(pool, 256));
    }

    @Test
    void sparseAttentionCachesTheLatentAndTheIndexerKey() {
        KvCacheModel kv = KvCacheModel.of(GLM5, TP8, NumberFormat.BF16);
        // every TP rank holds the 576-wide latent (bf16) and the fp8 index key with its fp32 scale
        assertEquals(78 * (576 * 2.0 + 128 + 4), kv.fullBytesPerToken());
        assertEquals(0.0, kv.stateBytesPerRequest());
        assertEquals(78 * (576 + 132.0), KvCacheModel.modelBytesPerToken(GLM5, NumberFormat.FP8));
    }
}
