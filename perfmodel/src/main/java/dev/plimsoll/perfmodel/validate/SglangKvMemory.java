package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.memory.SglangMemoryFraction;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;

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
        return SglangMemoryFraction.shareOfGpu(WholeGpuMemory.of(spec), spec.backend().on(spec.gpu()),
                spec.parallelism().gpus(), memFractionStatic);
    }
}
