package dev.plimsoll.perfmodel.parallel;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.Estimator;
import dev.plimsoll.perfmodel.memory.WeightMemory;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpertSlotsTest {
    private final ModelSpec deepseek = TestSpecs.model("deepseek-r1");

    @Test
    void slotsRoundUpToWholeExpertsPerRank() {
        assertEquals(4, ExpertSlots.perRank(256, 72));
        assertEquals(32, ExpertSlots.redundant(256, 72)); // 288 slots, as TensorRT-LLM's wide-EP examples run
        assertEquals(8, ExpertSlots.perRank(256, 32));
        assertEquals(0, ExpertSlots.redundant(256, 32));
    }

    @Test
    void aRackWideExpertLayoutHoldsItsRedundantCopies() {
        Parallelism ep72 = new Parallelism(1, 1, 72, 72);
        Parallelism ep64 = new Parallelism(1, 1, 64, 64);
        var quant = dev.plimsoll.perfmodel.specs.QuantResolver.resolve(deepseek.defaultQuant(), TestSpecs.gpu("gb200"));
        // 4 slots per rank either way: the 72-rank layout holds as much expert weight per GPU as the 64-rank one
        assertEquals(WeightMemory.bytesPerGpu(deepseek, ep64, quant), WeightMemory.bytesPerGpu(deepseek, ep72, quant),
                1.0);
        assertTrue(ExpertSlots.note(deepseek, ep72).contains("288 expert slots, 32 of them redundant"));
        assertEquals("", ExpertSlots.note(deepseek, ep64));
    }

    @Test
    void deepSeekEstimatesWithAttentionDataParallelAndExpertsOverAWholeNvl72Rack() {
        Estimate e = new Estimator(CostModelProvider.roofline()).estimate(new EstimateRequest(deepseek,
                TestSpecs.gpu("gb200"), new Parallelism(1, 1, 72, 72), deepseek.defaultQuant(),
                TestSpecs.backend("trtllm"), true, 32, 8192, 1024, EstimateRequest.DEFAULT_MEMORY_FRACTION));
        assertEquals(72, e.gpus());
        assertTrue(e.decodeStepMs() > 0 && e.kvCapacityTokens() > 0);
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("288 expert slots")), e.notes().toString());
    }
}
