package dev.plimsoll.perfmodel.parallel;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.Estimator;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.memory.WeightMemory;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.serving.ReplicaModel;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers that do not divide over the pipeline stages are split as the engines split them, and the
 * memory and step models follow the split: DeepSeek-R1's 61 layers over 2 and 4 stages.
 */
class UnevenPipelineTest {
    private static final ModelSpec DEEPSEEK = TestSpecs.model("deepseek-r1");
    private static final Set<String> NOT_LAYERS = Set.of("embedding", "embedding_allreduce", "pp_send_recv",
            "final_norm", "lm_head", "logits_all_gather", "sampling", "step_overhead", "pipeline_imbalance");

    /** vLLM's own examples (get_pp_indices): 61 layers give 31/30 over 2 stages and 15/15/16/15 over 4. */
    @Test
    void theEnginesSplitRules() {
        assertArrayEquals(new int[] {31, 30}, PipelineStages.layers(61, 2, "vllm"));
        assertArrayEquals(new int[] {15, 15, 16, 15}, PipelineStages.layers(61, 4, "vllm"));
        assertArrayEquals(new int[] {20, 21, 20}, PipelineStages.layers(61, 3, "sglang"));
        assertArrayEquals(new int[] {11, 11, 10}, PipelineStages.layers(32, 3, "vllm"));
        assertArrayEquals(new int[] {16, 15, 15, 15}, PipelineStages.layers(61, 4, "trtllm"), "torch.tensor_split");
        assertArrayEquals(new int[] {16, 16, 16, 16}, PipelineStages.layers(64, 4, "trtllm"));
        assertArrayEquals(new int[] {0, 31, 61}, PipelineStages.bounds(new int[] {31, 30}));
        assertThrows(IllegalArgumentException.class, () -> PipelineStages.layers(3, 4, "vllm"));
    }

    @Test
    void layoutsNoLongerNeedTheLayersToDivide() {
        assertTrue(LayoutValidator.problems(DEEPSEEK, new Parallelism(8, 2, 8, 1)).isEmpty());
        assertTrue(LayoutValidator.problems(DEEPSEEK, new Parallelism(8, 4, 8, 1)).isEmpty());
        assertFalse(LayoutValidator.problems(TestSpecs.model("llama-3.1-8b"), new Parallelism(1, 64, 1, 1)).isEmpty(),
                "more stages than layers");
    }

    /** A GPU holds the fullest stage: 31 of 61 layers with PP 2, 16 with PP 4 (and the stages' embedding and LM head). */
    @Test
    void weightsPerGpuAreThoseOfTheFullestStage() {
        var quant = QuantResolver.resolve(DEEPSEEK.defaultQuant(), TestSpecs.gpu("h200-sxm"));
        double one = WeightMemory.bytesPerGpu(DEEPSEEK, new Parallelism(8, 1, 8, 1), quant);
        double two = WeightMemory.bytesPerGpu(DEEPSEEK, new Parallelism(8, 2, 8, 1), quant);
        double four = WeightMemory.bytesPerGpu(DEEPSEEK, new Parallelism(8, 4, 8, 1), quant);
        // the MoE layers hold nearly all the weights: a stage is about its share of the 58 MoE layers
        assertEquals(30.0 / 58, two / one, 0.02, "stage 2 holds 30 MoE layers (stage 1: 3 dense + 28 MoE)");
        assertEquals(16.0 / 58, four / one, 0.02, "stage 3 holds 16 MoE layers");
        assertTrue(two > one / 2 && four > one / 4, "an uneven split holds more than an even share");
    }

    /**
     * With 32 identical layers over 3 stages (11/11/10) a decode pass costs what 33 layers cost: the
     * slowest stage sets the pace of the {@code pp} micro-batches in flight; over 2 stages (16/16)
     * nothing is added.
     */
    @Test
    void theSlowestStageSetsTheDecodePassOfIdenticalLayers() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        StepBatch decode = StepBatch.decode(48, 2000);
        List<OpTiming> three = detail(llama, new Parallelism(1, 3, 1, 1), decode);
        double layers = 0;
        double imbalance = 0;
        for (OpTiming op : three) {
            if (!NOT_LAYERS.contains(op.name())) {
                layers += op.ms();
            }
            if (op.name().equals("pipeline_imbalance")) {
                imbalance = op.ms();
            }
        }
        assertEquals(layers / 32 * (3 * 11 - 32), imbalance, 1e-9 * layers, "pp x slowest - sum = one layer");
        assertTrue(detail(llama, new Parallelism(1, 2, 1, 1), decode).stream()
                .noneMatch(o -> o.name().equals("pipeline_imbalance")), "16/16: no imbalance");
        assertTrue(detail(llama, new Parallelism(1, 3, 1, 1), StepBatch.prefill(1, 2000)).stream()
                .noneMatch(o -> o.name().equals("pipeline_imbalance")), "a prefill runs the stages in turn");
    }

    /** DeepSeek-R1 in FP8 on H200 with TP 8 and PP 2 or 4 is estimated, its split named in the notes. */
    @Test
    void deepSeekR1WithPp2AndPp4IsEstimated() {
        Estimator estimator = new Estimator(CostModelProvider.roofline());
        for (int pp : new int[] {2, 4}) {
            Estimate e = estimator.estimate(new EstimateRequest(DEEPSEEK, TestSpecs.gpu("h200-sxm"),
                    new Parallelism(8, pp, 8, 1), QuantPresets.get("fp8-block"), TestSpecs.backend("vllm"), true, 32,
                    2000, 500, EstimateRequest.DEFAULT_MEMORY_FRACTION));
            assertEquals(8 * pp, e.gpus());
            assertTrue(e.decodeStepMs() > 0 && e.kvCapacityTokens() > 0);
            String split = pp == 2 ? "31/30 layers per pipeline stage" : "15/15/16/15 layers per pipeline stage";
            assertTrue(e.notes().stream().anyMatch(n -> n.startsWith(split)), e.notes().toString());
        }
    }

    private static List<OpTiming> detail(ModelSpec model, Parallelism p, StepBatch batch) {
        var backend = TestSpecs.backend("vllm");
        ReplicaModel r = new Replicas(CostModelProvider.roofline()).model(new ReplicaSpec(model,
                TestSpecs.gpu("h100-sxm"), p, model.defaultQuant(), backend, true, 0.9), 64);
        return new StepLatencyModel(r.graph(), r.cost(), backend, true).detail(batch);
    }
}
