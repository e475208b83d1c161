package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;

/**
 * TensorRT-LLM sizes its KV cache from the memory left free once the weights are loaded and a
 * profiling step has run: {@code KvCacheConfig.free_gpu_memory_fraction} (default 0.9, its llmapi
 * llm_args.py) is a share of that free memory, not of the GPU (InferenceX's scripts set it as such,
 * {@code kv_cache_config: free_gpu_memory_fraction: 0.8} in dsr1_fp8_b200_trt.sh). A layout whose
 * weights, activations and reserves fit in the whole GPU therefore runs, with a KV pool of the
 * fraction of what is left. This turns that into the usable share of the whole GPU that the memory
 * model takes: (used + fraction x free) / capacity.
 */
final class TrtllmKvMemory {
    /** KvCacheConfig.free_gpu_memory_fraction's default (tensorrt_llm/llmapi/llm_args.py). */
    static final double DEFAULT_FREE_FRACTION = 0.9;
    /**
     * AIConfigurator's generator: {@code free_gpu_memory_fraction: {{ ... | default(0.80) }}} in its
     * backend_templates/trtllm/extra_engine_args.*.yaml.j2 (e.g. 1.0.0rc6, 1.2.0rc6.post2).
     */
    static final double AIC_GENERATOR_FREE_FRACTION = 0.8;

    private TrtllmKvMemory() {
    }

    /**
     * The share of the GPU usable by the engine of {@code spec} (its memoryFraction ignored) when
     * the KV cache takes {@code freeFraction} of the memory left free. Throws the memory model's
     * "does not fit" when the weights, activations and reserves exceed the whole GPU.
     */
    static double shareOfGpu(ReplicaSpec spec, double freeFraction) {
        MemoryBreakdown whole = WholeGpuMemory.of(spec);
        double capacity = whole.capacityBytes();
        double used = capacity - whole.kvCacheBytes();
        // one byte over, so that flooring the share back to bytes keeps every used byte
        return Math.min(1.0, (used + freeFraction * whole.kvCacheBytes() + 1) / capacity);
    }
}
