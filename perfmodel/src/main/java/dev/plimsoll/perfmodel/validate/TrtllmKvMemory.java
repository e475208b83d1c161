package dev.plimsoll.perfmodel.validate;

/**
 * TensorRT-LLM's free_gpu_memory_fraction as the measured launches set it: a share of the memory
 * left free after the weights and a profiling step (LaunchedMemory#trtllmShare turns it into the
 * memory model's share of the GPU).
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
}
