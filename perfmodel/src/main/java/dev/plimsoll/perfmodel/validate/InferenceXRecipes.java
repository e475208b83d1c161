package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.sim.SchedulerProfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Memory settings of the srt-slurm recipes that InferenceX's multinode Dynamo-SGLang configurations
 * launch ({@code CONFIG_FILE=recipes/...} in .github/configs/nvidia-master.yaml, commit 51e31df; the
 * recipes are in ishandhanani/srt-slurm). A recipe sets {@code mem-fraction-static} per pool where
 * SGLang's own default (SglangServerDefaults) would leave no room for the KV cache. An entry names its
 * recipe's model (as a bundled architecture id), GPU system and pool size, as the recipe file does.
 */
final class InferenceXRecipes {
    /**
     * @param recipe            the recipe file
     * @param architecture      the bundled architecture id of its model (ModelResolver.bundledId)
     * @param system            its GPU system ({@code resources.gpu_type})
     * @param poolGpus          the GPUs of each of its pools ({@code tensor-parallel-size})
     * @param memFractionStatic its {@code mem-fraction-static}
     */
    record Recipe(String recipe, String architecture, String system, int poolGpus, double memFractionStatic) {
    }

    static final List<Recipe> SGLANG_DISAGG = List.of(
            // dsr1-fp8-gb200-dynamo-sglang, 1k/1k, conc 4 and 8: prefill and decode tensor-parallel-size 4,
            // mem-fraction-static 0.95, kv-cache-dtype fp8_e4m3 (srt-slurm commit ab58651)
            new Recipe("recipes/gb200-fp8/1k1k/low-latency.yaml", "deepseek-r1", "gb200", 4, 0.95));

    private InferenceXRecipes() {
    }

    /** The recipe a disaggregated InferenceX SGLang pool ran, if listed. */
    static Optional<Recipe> of(MeasuredDeployment row, PoolLayout pool, BenchmarkClient client, SchedulerProfile engine) {
        if (client != BenchmarkClient.INFERENCEX || !row.disaggregated() || engine != SchedulerProfile.SGLANG) {
            return Optional.empty();
        }
        String architecture = ModelResolver.bundledId(row.modelPath());
        String system = row.system().toLowerCase(Locale.ROOT);
        return SGLANG_DISAGG.stream().filter(r -> r.architecture().equals(architecture) && r.system().equals(system)
                && r.poolGpus() == pool.gpus()).findFirst();
    }
}
