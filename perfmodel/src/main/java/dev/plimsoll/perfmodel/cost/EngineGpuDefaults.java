package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which launch limits each engine sizes by the GPU it starts on, and the values it picks
 * ({@link GpuSizedLimit}): SGLang's chunked-prefill size and CUDA-graph batch
 * ({@link SglangServerDefaults}, the current release's rule), vLLM's token budget and running cap
 * ({@link VllmServerDefaults}). TensorRT-LLM's trtllm-serve defaults do not depend on the GPU.
 */
final class EngineGpuDefaults {
    private static final Map<String, Set<GpuSizedLimit>> SIZED = Map.of(
            "sglang", EnumSet.of(GpuSizedLimit.STEP_TOKENS, GpuSizedLimit.CUDA_GRAPH_BATCH),
            "vllm", EnumSet.of(GpuSizedLimit.STEP_TOKENS, GpuSizedLimit.RUNNING_REQUESTS));

    private EngineGpuDefaults() {
    }

    /** Whether {@code engine} picks {@code limit} from the GPU. */
    static boolean sizes(String engine, GpuSizedLimit limit) {
        return SIZED.getOrDefault(engine, Set.of()).contains(limit);
    }

    /**
     * The value {@code engine} picks for {@code limit} on {@code gpu} with {@code engineGpus} GPUs per
     * stage (SGLang's --tp-size).
     */
    static int value(String engine, GpuSizedLimit limit, GpuSpec gpu, int engineGpus) {
        if (!sizes(engine, limit)) {
            throw new IllegalArgumentException(engine + " does not size " + limit.key() + " by the GPU");
        }
        boolean sglang = "sglang".equals(engine);
        switch (limit) {
            case STEP_TOKENS:
                return sglang ? SglangServerDefaults.chunkedPrefillSize(gpu.memoryBytes())
                        : VllmServerDefaults.maxNumBatchedTokens(gpu);
            case RUNNING_REQUESTS:
                return VllmServerDefaults.maxNumSeqs(gpu);
            case CUDA_GRAPH_BATCH:
                return SglangServerDefaults.cudaGraphMaxBs(gpu.memoryBytes(), engineGpus,
                        SglangServerDefaults.ReserveRule.ACTIVATIONS_AND_GRAPHS);
            default:
                throw new IllegalStateException(limit.toString());
        }
    }
}
