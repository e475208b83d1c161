package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.MemoryModel;
import dev.plimsoll.perfmodel.memory.SglangMemoryFraction;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.specs.QuantResolver;

/**
 * The memory model's share of the GPU for an engine launched with its own memory flag. The model
 * reads a share as vLLM's {@code --gpu-memory-utilization}: weights, KV pool, activations and
 * reserves together. The other engines' flags mean something else:
 * <ul>
 *   <li>TensorRT-LLM's {@code KvCacheConfig.free_gpu_memory_fraction} (default 0.9, llmapi
 *       llm_args.py) is a share of the memory left free once the weights are loaded and a profiling
 *       step has run, not of the GPU (InferenceX's scripts set it as such, {@code kv_cache_config:
 *       free_gpu_memory_fraction: 0.8} in dsr1_fp8_b200_trt.sh): a layout whose weights, activations
 *       and reserves fit in the whole GPU runs, with a pool of that fraction of what is left;</li>
 *   <li>SGLang's {@code --mem-fraction-static} holds the weights and the KV pool only
 *       ({@link SglangMemoryFraction}).</li>
 * </ul>
 * Each throws the memory model's "does not fit" when the weights, activations and reserves exceed
 * the whole GPU.
 */
public final class LaunchedMemory {
    private LaunchedMemory() {
    }

    /** The engine's memory with the whole GPU usable: the share those rules start from. */
    public static MemoryBreakdown wholeGpu(ReplicaSpec spec) {
        LayoutValidator.validate(spec.model(), spec.parallelism());
        BackendProfile backend = spec.resolvedBackend();
        return MemoryModel.compute(spec.model(), spec.gpu(), spec.parallelism(),
                QuantResolver.resolve(spec.quant(), spec.gpu()), backend, backend.maxNumBatchedTokens(),
                Replicas.defaultSequences(backend), spec.cudaGraph(), 1.0);
    }

    /** The share for TensorRT-LLM's free_gpu_memory_fraction: (used + fraction x free) / capacity. */
    public static double trtllmShare(ReplicaSpec spec, double freeFraction) {
        MemoryBreakdown whole = wholeGpu(spec);
        double capacity = whole.capacityBytes();
        double used = capacity - whole.kvCacheBytes();
        // one byte over, so that flooring the share back to bytes keeps every used byte
        return Math.min(1.0, (used + freeFraction * whole.kvCacheBytes() + 1) / capacity);
    }

    /** The share for SGLang's mem_fraction_static ({@link SglangMemoryFraction#shareOfGpu}). */
    public static double sglangShare(ReplicaSpec spec, double memFractionStatic) {
        return SglangMemoryFraction.shareOfGpu(wholeGpu(spec), spec.resolvedBackend(),
                spec.parallelism().gpus(), memFractionStatic);
    }
}
