package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared experts on a second stream: a MoE layer takes the longer of its two paths. */
class SharedExpertOverlapTest {
    private static Op op(String name) {
        return new Op(name, OpKind.ELEMENTWISE, ComputeDtype.BF16, 0, 1, 1, 1, new OpShape.Elementwise(1));
    }

    private static final List<Op> LAYER = List.of(op("router"), op("moe_experts"), op("shared_expert_gate_up"),
            op("shared_expert_act"), op("shared_expert_down"), op("moe_allreduce"));

    @Test
    void sglangAndTensorRtLlmOverlapInTheirDecodeGraphsVllmUpTo256Tokens() {
        assertTrue(SharedExpertOverlap.applies("sglang", true, 4));
        assertFalse(SharedExpertOverlap.applies("sglang", false, 4), "capture mode only");
        assertTrue(SharedExpertOverlap.applies("trtllm", true, 4));
        assertFalse(SharedExpertOverlap.applies("trtllm", false, 4), "multi-stream only under graph capture");
        assertTrue(SharedExpertOverlap.applies("vllm", false, 256));
        assertFalse(SharedExpertOverlap.applies("vllm", true, 257));
    }

    @Test
    void theShorterSharedPathHidesEntirelyBehindTheRoutedOne() {
        double[] call = {1.0, 4.0, 1.0, 0.5, 0.5, 1.0};
        assertArrayEquals(new double[]{0, 0, 1.0, 0.5, 0.5, 0}, SharedExpertOverlap.hiddenMs(LAYER, call), 1e-12);
    }

    @Test
    void aLongerSharedPathHidesTheRoutedTimeInProportionToItsOps() {
        double[] call = {0.5, 1.0, 2.0, 1.0, 1.0, 1.0};
        // the routed path (1.5) is hidden, taken from the shared ops as 2 : 1 : 1
        assertArrayEquals(new double[]{0, 0, 0.75, 0.375, 0.375, 0}, SharedExpertOverlap.hiddenMs(LAYER, call), 1e-12);
    }

    @Test
    void aMoeLayerWithoutSharedExpertsHidesNothing() {
        List<Op> ops = List.of(op("router"), op("moe_experts"), op("moe_allreduce"), op("router"), op("moe_experts"));
        assertArrayEquals(new double[5], SharedExpertOverlap.hiddenMs(ops, new double[]{1, 2, 3, 4, 5}), 0);
    }

    @Test
    void aDeepSeekDecodeStepOnTensorRtLlmTakesTheLongerPathOfEachMoeLayer() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        GpuSpec h200 = TestSpecs.gpu("h200-sxm");
        BackendProfile trtllm = TestSpecs.backend("trtllm");
        OperatorGraph graph = new OperatorGraph(ds, h200, Parallelism.tp(8),
                QuantResolver.resolve(ds.defaultQuant(), h200), "trtllm");
        StepLatencyModel steps = new StepLatencyModel(graph, new RooflineCostModel(h200, trtllm), trtllm, true);
        StepBatch decode = StepBatch.decode(4, 1000);
        List<OpTiming> rows = steps.detail(decode);
        double sum = rows.stream().mapToDouble(OpTiming::ms).sum();
        assertEquals(steps.stepMs(decode), sum, 1e-9, "detail rows add up to the step");
        double shared = rows.stream().filter(r -> r.name().startsWith("shared_expert_")).mapToDouble(OpTiming::ms)
                .sum();
        assertEquals(0.0, shared, 1e-12, "at 4 tokens the routed experts take longer than the shared MLP");
        StepLatencyModel eager = new StepLatencyModel(graph, new RooflineCostModel(h200, trtllm), trtllm, false);
        assertTrue(eager.detail(decode).stream().filter(r -> r.name().startsWith("shared_expert_"))
                .mapToDouble(OpTiming::ms).sum() > 0, "no second stream outside the graphs");
    }
}
