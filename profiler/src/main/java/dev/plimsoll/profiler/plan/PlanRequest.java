package dev.plimsoll.profiler.plan;

import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.util.List;
import java.util.Optional;

/**
 * What to derive a plan from.
 *
 * @param models       the models to be served
 * @param gpu          the GPU they run on (decides which formats run natively)
 * @param tensorParallel tensor-parallel sizes to plan for (the per-GPU shapes of each)
 * @param quant        {@code --quant} preset, empty for each checkpoint's own
 * @param kvDtype      {@code --kv-dtype}, one name or a comma-separated list, empty for each checkpoint's own
 * @param depth        quick or full
 * @param extraWeights more weight shapes to measure, {n, k} each
 */
public record PlanRequest(List<ModelSpec> models, GpuSpec gpu, List<Integer> tensorParallel, Optional<String> quant,
                          Optional<String> kvDtype, ProfileDepth depth, List<long[]> extraWeights) {
    public PlanRequest {
        models = List.copyOf(models);
        tensorParallel = List.copyOf(tensorParallel);
        extraWeights = List.copyOf(extraWeights);
    }
}
