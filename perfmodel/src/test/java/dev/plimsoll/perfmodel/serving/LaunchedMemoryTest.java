package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.SglangMemoryFraction;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engines' own memory flags as the memory model's share: SGLang's mem_fraction_static, TensorRT-LLM's free fraction. */
class LaunchedMemoryTest {
    private static final Replicas REPLICAS = new Replicas(CostModelProvider.roofline());

    private static ReplicaSpec spec(String model, String gpu, int tp, double fraction) {
        ModelSpec m = TestSpecs.REGISTRY.model(model);
        return new ReplicaSpec(m, TestSpecs.REGISTRY.gpu(gpu), new Parallelism(tp, 1, 1, 1), QuantPresets.get("bf16"),
                BackendProfiles.get("sglang"), true, fraction);
    }

    private static MemoryBreakdown memory(ReplicaSpec spec, double memFractionStatic) {
        ReplicaSpec launched = spec.withMemoryFraction(LaunchedMemory.sglangShare(spec, memFractionStatic));
        Replica replica = REPLICAS.build(launched);
        return replica.memory();
    }

    @Test
    void thePoolIsTheFractionOfTheGpuAfterBuffersLessWeightsAndTheFrameworkReserve() {
        ReplicaSpec spec = spec("llama-3.1-70b", "h100-sxm", 4, EstimateRequest.DEFAULT_MEMORY_FRACTION);
        GpuSpec gpu = spec.gpu();
        BackendProfile backend = spec.resolvedBackend();
        MemoryBreakdown m = memory(spec, 0.85);
        double expected = 0.85 * (gpu.memoryBytes() - backend.commBufferBytes()) - m.weightsBytes()
                - backend.otherReservedBytes();
        assertEquals(expected, m.kvCacheBytes(), 2.0, "fraction x (capacity - buffers) - weights - other");
    }

    @Test
    void theLaunchFlagWrittenForAPlannedPoolGivesThatPoolBack() {
        ReplicaSpec spec = spec("llama-3.1-70b", "h200-sxm", 2, EstimateRequest.DEFAULT_MEMORY_FRACTION);
        MemoryBreakdown m = memory(spec, 0.83);
        BackendProfile backend = spec.resolvedBackend();
        assertEquals(0.83, SglangMemoryFraction.memFractionStatic(m, backend, 2), 1e-9);
    }

    @Test
    void theSameFigureLeavesSglangMoreKvThanVllmBecauseActivationsAndGraphsLiveOutsideIt() {
        ReplicaSpec vllm = new ReplicaSpec(TestSpecs.REGISTRY.model("llama-3.1-8b"), TestSpecs.REGISTRY.gpu("h200-sxm"),
                new Parallelism(1, 1, 1, 1), QuantPresets.get("bf16"), BackendProfiles.get("vllm"), true, 0.85);
        long vllmKv = REPLICAS.build(vllm).memory().kvCacheBytes();
        MemoryBreakdown sglang = memory(spec("llama-3.1-8b", "h200-sxm", 1, 0.85), 0.85);
        assertTrue(sglang.kvCacheBytes() > vllmKv + sglang.activationBytes(),
                "SGLang " + sglang.kvCacheBytes() + " B against vLLM " + vllmKv + " B");
    }

    @Test
    void tensorRtLlmsFreeFractionIsAShareOfWhatTheWeightsLeave() {
        ReplicaSpec spec = new ReplicaSpec(TestSpecs.REGISTRY.model("llama-3.1-70b"), TestSpecs.REGISTRY.gpu("h200-sxm"),
                new Parallelism(2, 1, 1, 1), QuantPresets.get("bf16"), BackendProfiles.get("trtllm"), true, 0.9);
        long free = LaunchedMemory.wholeGpu(spec).kvCacheBytes();
        ReplicaSpec launched = spec.withMemoryFraction(LaunchedMemory.trtllmShare(spec, 0.75));
        assertEquals(0.75 * free, REPLICAS.build(launched).memory().kvCacheBytes(), 2.0);
    }
}
