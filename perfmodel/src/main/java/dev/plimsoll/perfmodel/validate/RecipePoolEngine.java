package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.List;

/**
 * How an srt-slurm recipe sizes and equips one pool's engine, beside its batch and token caps
 * ({@link MultinodeRecipe}): its memory share, its KV cache format and its MoE kernel.
 *
 * @param memoryFraction TensorRT-LLM {@code kv_cache_config.free_gpu_memory_fraction} (of the memory the weights
 *                       leave free), SGLang {@code mem-fraction-static} (of the GPU, weights and KV pool); 0 where
 *                       the recipe leaves the engine's default
 * @param fp8Kv          the KV cache in FP8 (TensorRT-LLM {@code kv_cache_config.dtype: fp8}, SGLang
 *                       {@code kv-cache-dtype: fp8_e4m3}); false where the recipe leaves "auto", the checkpoint's
 * @param moeBackend     TensorRT-LLM {@code moe_config.backend}, SGLang {@code moe-runner-backend}; "" where unset
 */
record RecipePoolEngine(double memoryFraction, boolean fp8Kv, String moeBackend) {
    /** A pool the recipe leaves to the engine's defaults. */
    static final RecipePoolEngine DEFAULTS = new RecipePoolEngine(0.0, false, "");

    /**
     * What several recipes launching one pool agree on: each setting where all name the same, the default
     * where they differ.
     */
    static RecipePoolEngine agreed(List<RecipePoolEngine> pools) {
        RecipePoolEngine first = pools.get(0);
        return new RecipePoolEngine(
                pools.stream().allMatch(p -> p.memoryFraction == first.memoryFraction) ? first.memoryFraction : 0.0,
                pools.stream().allMatch(RecipePoolEngine::fp8Kv),
                pools.stream().allMatch(p -> p.moeBackend.equals(first.moeBackend)) ? first.moeBackend : "");
    }

    /** The launch's memory share: the recipe's where it sets one, else {@code otherwise}. */
    double memoryOr(double otherwise) {
        return memoryFraction > 0 ? memoryFraction : otherwise;
    }

    /** The quantisation with this pool's KV cache format. */
    QuantScheme quant(QuantScheme launched) {
        return fp8Kv ? launched.withKvCache(NumberFormat.FP8) : launched;
    }

    /**
     * The engine's kernels with this pool's NVFP4 MoE kernel where the recipe names one TensorRT-LLM's tables
     * time ({@code moe_config.backend} CUTLASS or TRTLLM, the trtllm-gen kernels; {@link Nvfp4MoeKernel}).
     * CUTEDSL, WIDEEP and DEEPGEMM have no NVFP4 table of their own and keep the tables' fastest.
     */
    BackendProfile kernels(BackendProfile launched) {
        return switch (moeBackend) {
            case "CUTLASS" -> launched.withNvfp4MoeKernel(Nvfp4MoeKernel.CUTLASS);
            case "TRTLLM" -> launched.withNvfp4MoeKernel(Nvfp4MoeKernel.TRTLLM_GEN);
            default -> launched;
        };
    }
}
