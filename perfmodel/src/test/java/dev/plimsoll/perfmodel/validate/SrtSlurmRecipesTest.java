package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The srt-slurm recipes' engine flags, and the pools launched with them. */
class SrtSlurmRecipesTest {
    private static final SrtSlurmRecipes BUNDLED = SrtSlurmRecipes.bundled();

    /** DeepSeek-R1 on eight H200s, {@code dp} attention-DP ranks, with the engine's defaults. */
    private static Replica deepseek(String backend, int dp) {
        Parallelism layout = dp > 1 ? new Parallelism(1, 1, 8, dp) : new Parallelism(8, 1, 8, 1);
        return new Replicas(CostModelProvider.roofline()).build(new ReplicaSpec(TestSpecs.REGISTRY.model("deepseek-r1"),
                TestSpecs.REGISTRY.gpu("h200-sxm"), layout, QuantPresets.get("fp8"), BackendProfiles.get(backend),
                true, 0.85));
    }

    private static MeasuredDeployment row(String backend) {
        PoolLayout pool = new PoolLayout(8, 1, 1, 1, 8, 1, 4);
        return new MeasuredDeployment("r", 2, 36, backend, "", "deepseek-ai/DeepSeek-R1", "h200_sxm", true, 1024,
                1024, "fp8", "fp8", null, pool, pool, 1000, 20);
    }

    @Test
    void everyMultinodeEntryLaunchesATranscribedRecipeOrRunnerSettings() {
        List<InferenceXMultinodeSpaces.Entry> entries = InferenceXMultinodeSpaces.bundled().entries();
        Set<String> named = entries.stream().map(InferenceXMultinodeSpaces.Entry::recipe).collect(Collectors.toSet());
        assertFalse(named.contains(""));
        assertEquals(369, named.size(), "362 srt-slurm recipes and 7 settings of gpt-oss's GB200 runner script");
        for (String recipe : named) {
            assertTrue(BUNDLED.of(recipe).isPresent(), recipe);
        }
        // gptoss-fp4-gb200-dynamo-trt: PREFILL_MAX_BATCH_SIZE=32, PREFILL_MAX_NUM_TOKENS=20000,
        // DECODE_MAX_BATCH_SIZE=256, DECODE_MAX_NUM_TOKENS=20000, DECODE_GPU_MEM_FRACTION=0.9 for its 1k/1k TP 4
        // decode entry
        assertEquals(new MultinodeRecipe("benchmarks/multi_node/gptoss_fp4_gb200_dynamo-trt.sh#P32x20000-D256x20000",
                32, 20000, 0, 256, 20000, 0, 0, RecipePoolEngine.DEFAULTS, new RecipePoolEngine(0.9, false, "")),
                BUNDLED.of(
                "benchmarks/multi_node/gptoss_fp4_gb200_dynamo-trt.sh#P32x20000-D256x20000").orElseThrow());
    }

    @Test
    void aTensorRtLlmMtpRecipeDecodesWithItsDraftsAndBatch() {
        // c4_ctx1_gen11_tep8_batch128_eplb0_mtp3.yaml: decode max_batch_size 128, max_num_tokens 512,
        // cuda_graph_config up to 128, speculative_config num_nextn_predict_layers 3
        MultinodeRecipe recipe = BUNDLED.of("recipes/trtllm/h200/1k1k/mtp/c4_ctx1_gen11_tep8_batch128_eplb0_mtp3.yaml")
                .orElseThrow();
        EngineConfig e = recipe.launchDecode(deepseek("trtllm", 1), row("trtllm")).engine();
        assertEquals(128, e.maxRunningRequests());
        assertEquals(512, e.maxBatchedTokens());
        assertEquals(128, e.cudaGraphMaxBatch());
        assertEquals(3, e.speculative().draftTokens());
        assertTrue(e.overlapScheduling());
        EngineConfig plain = BenchmarkLaunch.decode(deepseek("trtllm", 1), row("trtllm")).engine();
        assertEquals(4, plain.maxRunningRequests(), "without a recipe: the row's clients per worker");
        assertFalse(plain.speculative().enabled());
    }

    @Test
    void aTensorRtLlmPrefillTakesEightPromptsAStepWithoutOverlap() {
        // c4_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml: prefill max_batch_size 8, max_num_tokens 8192,
        // disable_overlap_scheduler true
        MultinodeRecipe recipe = BUNDLED.of("recipes/trtllm/h200/1k1k/stp/c4_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml")
                .orElseThrow();
        EngineConfig e = recipe.launchPrefill(deepseek("trtllm", 8), row("trtllm")).engine();
        assertEquals(8, e.maxRunningRequests());
        assertEquals(8192, e.maxBatchedTokens());
        assertFalse(e.overlapScheduling());
        assertEquals(256, recipe.launchDecode(deepseek("trtllm", 1), row("trtllm")).engine()
                .maxRunningRequests());
    }

    @Test
    void sglangSplitsAWorkersRequestsAndChunkOverItsAttentionRanks() {
        // bs256-1p6d-dep.yaml prefill: max-running-requests 512, chunked-prefill-size 262144,
        // max-prefill-tokens 65536, DP attention over 8 ranks
        MultinodeRecipe recipe = BUNDLED.of("recipes/h200/1k1k/bs256-1p6d-dep.yaml").orElseThrow();
        EngineConfig e = recipe.launchPrefill(deepseek("sglang", 8), row("sglang")).engine();
        assertEquals(64, e.maxRunningRequests());
        assertEquals(32768, e.maxBatchedTokens());
        assertEquals(65536, e.maxPrefillTokens());
        assertEquals(new RecipePoolEngine(0.75, false, ""), recipe.prefillEngine(), "mem-fraction-static 0.75");
        assertEquals(new RecipePoolEngine(0.82, false, ""), recipe.decodeEngine());
        // low-latency-1p9d-mtp.yaml decode: max-running-requests 64, cuda-graph-max-bs 64, EAGLE 2 steps
        EngineConfig d = BUNDLED.of("recipes/h200/1k1k/low-latency-1p9d-mtp.yaml").orElseThrow()
                .launchDecode(deepseek("sglang", 1), row("sglang")).engine();
        assertEquals(64, d.maxRunningRequests());
        assertEquals(2, d.speculative().draftTokens());
    }

    @Test
    void recipesLaunchingAPoolAlikeAreToldApartFromTheirOtherPool() {
        MultinodeRecipe plain = BUNDLED.of("recipes/trtllm/h200/1k1k/stp/c16_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml")
                .orElseThrow();
        MultinodeRecipe mtp = BUNDLED.of("recipes/trtllm/h200/1k1k/mtp/c16_ctx1_gen9_tep8_batch128_eplb0_mtp3.yaml")
                .orElseThrow();
        assertTrue(plain.samePrefill(mtp));
        assertFalse(plain.sameDecode(mtp));
    }

    @Test
    void theTranscriptionParsesCommentsHeaderAndEmptyCells() throws IOException {
        String csv = "# source\nrecipe,repo,commit,prefill_max_batch,prefill_max_tokens,prefill_chunk,decode_max_batch,"
                + "decode_max_tokens,decode_graph_max,draft_tokens,prefill_memory_fraction,decode_memory_fraction,"
                + "prefill_kv_cache,decode_kv_cache,prefill_moe_backend,decode_moe_backend\n"
                + "r.yaml,o/r,abc,16,32768,32768,8,,8,2,,0.85,,fp8,TRTLLM,\n";
        assertEquals(List.of(new MultinodeRecipe("r.yaml", 16, 32768, 32768, 8, 0, 8, 2,
                        new RecipePoolEngine(0.0, false, "TRTLLM"), new RecipePoolEngine(0.85, true, ""))),
                SrtSlurmRecipes.parse(new BufferedReader(new StringReader(csv))));
    }
}
