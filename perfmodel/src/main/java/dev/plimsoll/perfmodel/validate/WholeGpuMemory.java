package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.MemoryModel;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.QuantResolver;

/**
 * An engine's memory with the whole GPU usable: its weights, activations and reserves, and the KV
 * pool the rest would hold. The engines that size their pool by their own rule (TrtllmKvMemory,
 * SglangKvMemory) start from it.
 */
final class WholeGpuMemory {
    private WholeGpuMemory() {
    }

    /** Throws the memory model's "does not fit" when the weights, activations and reserves exceed the GPU. */
    static MemoryBreakdown of(ReplicaSpec spec) {
        LayoutValidator.validate(spec.model(), spec.parallelism());
        BackendProfile backend = spec.backend().on(spec.gpu());
        return MemoryModel.compute(spec.model(), spec.gpu(), spec.parallelism(),
                QuantResolver.resolve(spec.quant(), spec.gpu()), backend, backend.maxNumBatchedTokens(),
                Replicas.defaultSequences(backend), spec.cudaGraph(), 1.0);
    }
}
