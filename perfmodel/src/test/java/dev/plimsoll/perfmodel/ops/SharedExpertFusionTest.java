package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SGLang runs DeepSeek-V3's shared expert inside the routed-expert kernel, without expert parallelism. */
class SharedExpertFusionTest {
    private static final GpuSpec H200 = TestSpecs.gpu("h200-sxm");
    private static final ModelSpec DEEPSEEK = TestSpecs.model("deepseek-v3");

    private static List<Op> ops(Parallelism par, String backend) {
        return new OperatorGraph(DEEPSEEK, H200, par, QuantResolver.resolve(DEEPSEEK.defaultQuant(), H200), backend)
                .ops(StepBatch.decode(4, 1000));
    }

    private static boolean has(List<Op> ops, String prefix) {
        return ops.stream().anyMatch(o -> o.name().startsWith(prefix));
    }

    @Test
    void sglangWithoutExpertParallelismRunsTheSharedExpertAsA257thExpert() {
        List<Op> ops = ops(Parallelism.tp(8), "sglang");
        assertFalse(has(ops, "shared_expert_"), "no shared-expert MLP of its own");
        Op fused = ops.stream().filter(o -> o.name().equals("fused_shared_expert")).findFirst().orElseThrow();
        assertEquals(0, fused.kernels(), "no launch of its own");
        // 4 tokens through gate, up and down of a 2048 / 8 = 256 wide slice of hidden 7168
        assertEquals(4 * 2.0 * 3 * 7168 * 256, fused.flops(), 1e-6);
    }

    @Test
    void expertParallelismOtherEnginesAndOtherShapesKeepTheSharedMlp() {
        assertTrue(has(ops(new Parallelism(8, 1, 8, 1), "sglang"), "shared_expert_"), "EP 8 disables the fusion");
        assertTrue(has(ops(Parallelism.tp(8), "vllm"), "shared_expert_"));
        assertTrue(has(ops(Parallelism.tp(8), "trtllm"), "shared_expert_"));
        ModelSpec qwen = TestSpecs.model("qwen3-30b-a3b");
        assertFalse(SharedExpertFusion.applies("sglang", qwen, H200, Parallelism.tp(2),
                QuantResolver.resolve(qwen.defaultQuant(), H200).experts()), "128 experts, no shared expert");
    }
}
