package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.MemoryModel;
import dev.plimsoll.perfmodel.memory.SglangMemoryFraction;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.QuantResolver;

/**
 * The share of the GPU the memory model takes for an SGLang engine launched with a
 * {@code --mem-fraction-static}, which holds only the weights and the KV pool (SglangMemoryFraction),
 * as TrtllmKvMemory does for TensorRT-LLM's free-memory fraction.
 */
final class SglangKvMemory {
    private SglangKvMemory() {
    }

    /**
     * The share of the GPU usable by the engine of {@code spec} (its memoryFraction ignored) when it
     * was launched with {@code memFractionStatic}. Throws the memory model's "does not fit" when the
     * weights, activations and reserves exceed the whole GPU.
     */
    static double shareOfGpu(ReplicaSpec spec, double memFractionStatic) {
        LayoutValidator.validate(spec.model(), spec.parallelism());
        BackendProfile backend = spec.backend().on(spec.gpu());
        MemoryBreakdown whole = MemoryModel.compute(spec.model(), spec.gpu(), spec.parallelism(),
                QuantResolver.resolve(spec.quant(), spec.gpu()), backend, backend.maxNumBatchedTokens(),
                Replicas.defaultSequences(backend), spec.cudaGraph(), 1.0);
        return SglangMemoryFraction.shareOfGpu(whole, backend, spec.parallelism().gpus(), memFractionStatic);
    }
}
