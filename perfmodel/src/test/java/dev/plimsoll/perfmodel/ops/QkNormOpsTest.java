package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QkNorm;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.SharedData;
import dev.plimsoll.perfmodel.specs.hf.HfConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query/key norms, rotary kernels and latent projections a model's attention runs, per engine and layout. */
class QkNormOpsTest {
    private static final GpuSpec H200 = TestSpecs.gpu("h200-sxm");

    private static List<Op> ops(ModelSpec m, Parallelism p, String backend, StepBatch b) {
        return new OperatorGraph(m, H200, p, QuantResolver.resolve(m.defaultQuant(), H200), backend).ops(b);
    }

    private static Optional<Op> op(List<Op> ops, String name) {
        return ops.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    @Test
    void qwen3NormsEachHeadWithTwoKernelsPerLayerOnVllmAndSglang() {
        ModelSpec qwen = TestSpecs.model("qwen3-32b");
        assertEquals(QkNorm.PER_HEAD, qwen.attention().qkNorm());
        for (String backend : List.of("vllm", "sglang")) {
            Op norm = op(ops(qwen, Parallelism.tp(2), backend, StepBatch.prefill(1, 100)), "qk_norm").orElseThrow();
            assertEquals(2, norm.kernels(), backend + ": one kernel for the queries, one for the keys");
            assertEquals(64, norm.repeat());
            // TP 2: 32 query and 4 key heads of 128 per GPU, read and written once in bf16
            assertEquals(100.0 * (32 + 4) * 128 * 4, norm.bytes(), 1e-6);
        }
    }

    @Test
    void tensorRtLlmFoldsThePerHeadNormIntoItsRotaryKernel() {
        ModelSpec qwen = TestSpecs.model("qwen3-32b");
        List<Op> trt = ops(qwen, Parallelism.tp(2), "trtllm", StepBatch.decode(8, 1000));
        assertFalse(op(trt, "qk_norm").isPresent());
        assertTrue(op(trt, "rope").isPresent());
    }

    @Test
    void miniMaxNormsAcrossHeadsAndAllReducesTheVariancesUnderTensorParallelism() {
        ModelSpec minimax = HfConfigLoader.load(SharedData.hfConfig("MiniMaxAI--MiniMax-M2.5.json"));
        assertEquals(QkNorm.ACROSS_HEADS, minimax.attention().qkNorm());
        List<Op> tp8 = ops(minimax, Parallelism.tp(8), "trtllm", StepBatch.decode(16, 2000));
        Op reduce = op(tp8, "qk_norm_allreduce").orElseThrow();
        assertEquals(62, reduce.repeat());
        assertEquals(16.0 * 2 * 4, reduce.bytes(), 1e-9, "two fp32 variances per token");
        assertEquals(2, op(tp8, "qk_norm").orElseThrow().kernels());
        assertFalse(op(ops(minimax, Parallelism.SINGLE, "vllm", StepBatch.decode(16, 2000)), "qk_norm_allreduce")
                .isPresent(), "one GPU holds every head: nothing to reduce");
    }

    @Test
    void modelsWithoutQkNormRunNone() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        assertEquals(QkNorm.NONE, llama.attention().qkNorm());
        assertFalse(op(ops(llama, Parallelism.tp(2), "vllm", StepBatch.decode(4, 100)), "qk_norm").isPresent());
        assertEquals(QkNorm.NONE, TestSpecs.model("gpt-oss-120b").attention().qkNorm());
    }

    @Test
    void mlaNormsBothCompressedLatents() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        List<Op> ops = ops(ds, Parallelism.tp(8), "sglang", StepBatch.decode(4, 1000));
        // q_lora_rank 1536, kv_lora_rank 512, 61 layers, read and written once in bf16
        assertEquals(4.0 * 1536 * 4, op(ops, "q_a_norm").orElseThrow().bytes(), 1e-9);
        assertEquals(4.0 * 512 * 4, op(ops, "kv_a_norm").orElseThrow().bytes(), 1e-9);
        long norms = ops.stream().filter(o -> o.name().endsWith("_a_norm")).mapToLong(o -> (long) o.repeat()).sum();
        assertEquals(2 * 61, norms);
    }

    @Test
    void tensorRtLlmRotatesInsideItsAttentionOpUnlessAPerHeadNormIsFusedWithTheRotation() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        assertFalse(op(ops(llama, Parallelism.tp(2), "trtllm", StepBatch.decode(8, 1000)), "rope").isPresent(),
                "fuse_pos_embd: the attention op rotates queries and keys");
        for (String backend : List.of("vllm", "sglang")) {
            Op rope = op(ops(llama, Parallelism.tp(2), backend, StepBatch.decode(8, 1000)), "rope").orElseThrow();
            assertEquals(1, rope.kernels(), backend);
        }
        assertTrue(QkNormKernels.ropeInsideAttention("trtllm", QkNorm.NONE));
        assertFalse(QkNormKernels.ropeInsideAttention("trtllm", QkNorm.PER_HEAD),
                "fused_qk_norm_rope stays a kernel of its own");
        assertFalse(QkNormKernels.ropeInsideAttention("vllm", QkNorm.NONE));
    }

    @Test
    void mlaRunsItsTwoLatentProjectionsAsOneGemm() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        for (String backend : List.of("vllm", "sglang", "trtllm")) {
            List<Op> ops = ops(ds, Parallelism.tp(8), backend, StepBatch.decode(4, 1000));
            Op fused = op(ops, "qkv_a_proj").orElseThrow();
            // q_lora_rank 1536 + kv_lora_rank 512 + qk_rope_head_dim 64, from hidden 7168, replicated
            assertEquals(2.0 * 4 * (1536 + 512 + 64) * 7168, fused.flops(), 1e-6, backend);
            assertFalse(op(ops, "q_a_proj").isPresent(), backend);
            assertFalse(op(ops, "kv_a_proj").isPresent(), backend);
        }
    }
}
