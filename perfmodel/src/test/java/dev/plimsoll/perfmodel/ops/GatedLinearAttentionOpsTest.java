package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.Precision;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.SharedData;
import dev.plimsoll.perfmodel.specs.hf.HfConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Qwen3.5's gated attention output and its gated delta-net's projection split are kernels of their own. */
class GatedLinearAttentionOpsTest {
    private static final GpuSpec H200 = TestSpecs.gpu("h200-sxm");
    private static final ModelSpec QWEN35 = HfConfigLoader.load(SharedData.hfConfig("Qwen--Qwen3.5-397B-A17B.json"));

    private static List<Op> ops(ModelSpec m) {
        return new OperatorGraph(m, H200, Parallelism.tp(8), QuantResolver.resolve(m.defaultQuant(), H200), "sglang")
                .ops(StepBatch.decode(4, 1000));
    }

    private static Op op(List<Op> ops, String name) {
        return ops.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    @Test
    void theGatedAttentionOutputIsASigmoidAndAProductPerFullAttentionLayer() {
        Op gate = op(ops(QWEN35), "attn_output_gate");
        assertEquals(2, gate.kernels());
        assertEquals(15, gate.repeat(), "one full-attention layer in four of 60");
        // 4 tokens x 32 query heads / 8 GPUs x 256 wide, 5 x 2 bytes each
        assertEquals(4.0 * 4 * 256 * 10, gate.bytes(), 1e-9);
    }

    @Test
    void theDeltaNetSplitsItsProjectionsInOneKernelPerLayer() {
        Op split = op(ops(QWEN35), "linear_in_proj_split");
        assertEquals(1, split.kernels());
        assertEquals(45, split.repeat());
    }

    @Test
    void sglang059ProjectsTheDeltaNetInputWithFourGemmsAndNoSplit() {
        List<Op> ops = new OperatorGraph(QWEN35, H200, Parallelism.tp(8),
                QuantResolver.resolve(QWEN35.defaultQuant(), H200), "sglang",
                ReleaseGraph.CURRENT.withGdnInputProjections(GdnInputProjections.SEPARATE))
                .ops(StepBatch.decode(4, 1000));
        assertFalse(ops.stream().anyMatch(o -> o.name().equals("linear_in_proj_split")));
        // per GPU at TP 8: q and k 2 x 2 x 128, v 8 x 128; z 8 x 128; b and a one per value head, 8
        assertEquals(2 * 2 * 128 + 8 * 128, ((OpShape.Gemm) op(ops, "linear_in_proj_qkv").shape()).n());
        assertEquals(8 * 128, ((OpShape.Gemm) op(ops, "linear_in_proj_z").shape()).n());
        for (String logits : List.of("linear_in_proj_b", "linear_in_proj_a")) {
            OpShape.Gemm g = (OpShape.Gemm) op(ops, logits).shape();
            assertEquals(8, g.n(), logits);
            assertEquals(Precision.BF16, g.precision(), logits + ": 8-wide, no 128 x 128 FP8 blocks");
            assertEquals(45, op(ops, logits).repeat());
        }
    }

    @Test
    void modelsWithoutAGatedOutputRunNoGate() {
        assertFalse(ops(TestSpecs.model("llama-3.1-70b")).stream().anyMatch(o -> o.name().equals("attn_output_gate")));
    }
}
