package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.validate.InferenceXMultinodeSpaces.Entry;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pools an underspecified InferenceX multinode row is assumed to have run with: those its configuration
 * defines at the row's point, read from rows shaped as the shared H200 file records them (no worker counts).
 */
class InferenceXMultinodeSpacesTest {
    private static final InferenceXMultinodeSpaces BUNDLED = InferenceXMultinodeSpaces.bundled();

    private static PoolLayout pool(int tp, int dp, int moeTp, int moeEp, int workers, int batch) {
        return new PoolLayout(tp, 1, dp, moeTp, moeEp, workers, batch);
    }

    /** A DeepSeek-R1 TensorRT-LLM row of InferenceX's 2026-03-25 conversion: layouts without worker counts. */
    private static MeasuredDeployment unrecorded(int isl, int concurrency) {
        return unrecorded("trtllm", isl, concurrency, 8);
    }

    /** Such a row of {@code backend}, recording TP 8 and expert parallel {@code ep} in both pools' columns. */
    private static MeasuredDeployment unrecorded(String backend, int isl, int concurrency, int ep) {
        String id = "2026_03_25_deepseek_r1_h200_sxm_" + backend + "_fp8_disagg_" + isl + "x1024_c" + concurrency
                + "_tp8_0_ep" + ep + "_0_353";
        PoolLayout recorded = pool(8, 1, 8 / ep, ep, 0, 0);
        return new MeasuredDeployment(id, 2, concurrency, backend, "0.8.1.post1", "deepseek-ai/DeepSeek-R1",
                "h200_sxm", true, isl, 1024, "fp8", "fp8", null, recorded, recorded, 1000, 20);
    }

    @Test
    void aOneKRowAtAConcurrencyOnePairOfPoolsRunsTakesThosePools() {
        // dsr1-fp8-h200-dynamo-trt, 1k/1k, conc-list [32] over 9 TEP 8 decode workers
        // (c32_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml runs 32 x 9 = 288 clients) after one DEP 8 prefill worker
        Optional<InferenceXMultinodeSpaces.Assumed> assumed = BUNDLED.of(unrecorded(1024, 288),
                BenchmarkClient.INFERENCEX);
        assertTrue(assumed.isPresent());
        assertEquals("dsr1-fp8-h200-dynamo-trt", assumed.get().config());
        assertEquals(pool(1, 8, 1, 8, 1, 1), assumed.get().pools().prefill(), "one request an attention rank");
        assertEquals(pool(8, 1, 1, 8, 9, 32), assumed.get().pools().decode(), "288 clients over nine workers");
    }

    @Test
    void aDataParallelDecodeSpreadsItsClientsOverEveryAttentionRank() {
        // 1k/1k at 1536 clients: six DEP 8 decode workers, 48 attention ranks, 32 requests each
        InferenceXMultinodeSpaces.Pools pools = BUNDLED.of(unrecorded(1024, 1536), BenchmarkClient.INFERENCEX)
                .orElseThrow().pools();
        assertEquals(pool(1, 8, 1, 8, 6, 32), pools.decode());
    }

    @Test
    void aConcurrencyDifferentPoolsShareKeepsTheDefaultAssumption() {
        // 8k/1k at 48 clients: the plain entries run both 6 and 3 decode workers there (c8_ctx1_gen6 x 6,
        // c16_ctx1_gen3 x 3), and so do the MTP ones
        assertEquals(Optional.empty(), BUNDLED.of(unrecorded(8192, 48), BenchmarkClient.INFERENCEX));
    }

    @Test
    void theRecordedPrefillPoolTellsApartEntriesThatShareAConcurrency() {
        // dsr1-fp8-h200-dynamo-sglang, 1k/1k at 128 clients: one TP 8 prefill and nine TP 8 decode workers (EP 1),
        // or one DEP 8 prefill and six DEP 8 decode workers (EP 8); the rows record the prefill's tp and ep
        InferenceXMultinodeSpaces.Pools tensorParallel = BUNDLED.of(unrecorded("sglang", 1024, 128, 1),
                BenchmarkClient.INFERENCEX).orElseThrow().pools();
        assertEquals(pool(8, 1, 8, 1, 1, 1), tensorParallel.prefill());
        assertEquals(9, tensorParallel.decode().workers());
        InferenceXMultinodeSpaces.Pools dataParallel = BUNDLED.of(unrecorded("sglang", 1024, 128, 8),
                BenchmarkClient.INFERENCEX).orElseThrow().pools();
        assertEquals(pool(1, 8, 1, 8, 1, 1), dataParallel.prefill());
        assertEquals(pool(1, 8, 1, 8, 6, 3), dataParallel.decode(), "128 clients over 48 attention ranks");
    }

    @Test
    void aPointPlainAndMtpEntriesRunWithDifferentPoolsTakesThePlainPools() {
        // 8k/1k at 128 clients: c128_ctx1_gen1_dep8_batch256_eplb0_mtp0.yaml runs one TEP 8 prefill worker,
        // c128_ctx2_gen1_dep8_batch32_eplb0_mtp2.yaml two; the point is read as plain
        InferenceXMultinodeSpaces.Pools pools = BUNDLED.of(unrecorded(8192, 128), BenchmarkClient.INFERENCEX)
                .orElseThrow().pools();
        assertEquals(1, pools.prefill().workers());
        assertEquals(pool(1, 8, 1, 8, 1, 16), pools.decode());
    }

    @Test
    void aConcurrencyTheConfigurationNeverRunsIsLeftAlone() {
        assertEquals(Optional.empty(), BUNDLED.of(unrecorded(1024, 13), BenchmarkClient.INFERENCEX));
    }

    @Test
    void fullySpecifiedRowsAndOtherClientsAreLeftAlone() {
        MeasuredDeployment row = unrecorded(1024, 288);
        MeasuredDeployment recorded = row.withPools(pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 32));
        assertEquals(Optional.empty(), BUNDLED.of(recorded, BenchmarkClient.INFERENCEX), "worker counts recorded");
        assertEquals(Optional.empty(), BUNDLED.of(row, BenchmarkClient.AIPERF), "not InferenceX's client");
    }

    private static DeploymentPlanner planner() {
        return new DeploymentPlanner(TestSpecs.REGISTRY, new ModelResolver(TestSpecs.REGISTRY,
                TestSpecs.sharedData().resolve("hf-configs")), new Replicas(CostModelProvider.roofline()));
    }

    @Test
    void thePlannerRunsTheConfiguredPoolsAndSaysSo() {
        DeploymentPlanner.Outcome outcome = planner().plan(unrecorded(1024, 288));
        Deployment.Disaggregated planned = (Deployment.Disaggregated) outcome.plan().config().deployment();
        assertEquals(1, planned.prefill().workers());
        assertEquals(8, planned.prefill().engine().attentionDpRanks());
        assertEquals(9, planned.decode().workers());
        assertEquals(1, planned.decode().engine().attentionDpRanks());
        assertTrue(outcome.plan().assumption().contains("9 decode workers"), outcome.plan().assumption());
        assertTrue(outcome.plan().assumption().contains("dsr1-fp8-h200-dynamo-trt"), outcome.plan().assumption());
        // c32_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml: decode max_batch_size 256, no speculation
        assertEquals(256, planned.decode().engine().maxRunningRequests());
        assertTrue(!planned.decode().engine().speculative().enabled());
    }

    @Test
    void aPointOnlyTheMtpConfigurationRunsDecodesWithItsRecipesDrafts() {
        // 1k/1k at 44 clients: only c4_ctx1_gen11_tep8_batch128_eplb0_mtp3.yaml (4 x 11 decode workers), whose
        // decode speculates 3 tokens a step with up to 128 requests a worker
        Deployment.Disaggregated planned = (Deployment.Disaggregated) planner().plan(unrecorded(1024, 44)).plan()
                .config().deployment();
        assertEquals(11, planned.decode().workers());
        assertEquals(3, planned.decode().engine().speculative().draftTokens());
        assertEquals(128, planned.decode().engine().maxRunningRequests());
        assertEquals(8, planned.prefill().engine().maxRunningRequests(), "the recipe's prefill max_batch_size");
    }

    @Test
    void aPointBothConfigurationsRunIsReadAsPlainAndRunsThePlainRecipe() {
        // 1k/1k at 144 clients, one DEP 8 prefill and nine TEP 8 decode workers: c16_ctx1_gen9_tep8_batch256_
        // eplb0_mtp0.yaml and c16_ctx1_gen9_tep8_batch128_eplb0_mtp3.yaml both run that point; read as plain
        MeasuredDeployment row = unrecorded(1024, 144).withPools(pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 16));
        InferenceXMultinodeSpaces.LaunchedRecipes recipes = BUNDLED.recipesOf(row, BenchmarkClient.INFERENCEX,
                SrtSlurmRecipes.bundled());
        assertEquals(8, recipes.prefill().orElseThrow().prefillMaxBatch());
        assertEquals(0, recipes.decode().orElseThrow().draftTokens());
        Deployment.Disaggregated planned = (Deployment.Disaggregated) planner().plan(row).plan().config()
                .deployment();
        assertEquals(256, planned.decode().engine().maxRunningRequests());
        assertTrue(!planned.decode().engine().speculative().enabled());
    }

    @Test
    void eachPoolHoldsTheKvCacheItsRecipeSizesAndFormats() {
        // c16_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml and its MTP twin: kv_cache_config dtype fp8 and moe_config
        // backend CUTLASS in both pools, free_gpu_memory_fraction 0.6 in the prefill pool and 0.9 (TensorRT-LLM's
        // default) in the decode pool
        MeasuredDeployment row = unrecorded(1024, 144).withPools(pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 16));
        InferenceXMultinodeSpaces.LaunchedRecipes recipes = BUNDLED.recipesOf(row, BenchmarkClient.INFERENCEX,
                SrtSlurmRecipes.bundled());
        assertEquals(new RecipePoolEngine(0.6, true, "CUTLASS"), recipes.prefillEngine());
        assertEquals(new RecipePoolEngine(0.9, true, "CUTLASS"), recipes.decodeEngine());
        // the same pools at a point no entry runs: the checkpoint's KV format (bf16 for DeepSeek-R1's block-FP8
        // export) and TensorRT-LLM's default share of the memory the weights leave
        MeasuredDeployment unlaunched = row.withPools(pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 8, 18));
        Deployment.Disaggregated launched = (Deployment.Disaggregated) planner().plan(row).plan().config().deployment();
        Deployment.Disaggregated byDefault = (Deployment.Disaggregated) planner().plan(unlaunched).plan().config()
                .deployment();
        assertEquals(byDefault.prefill().engine().kvBytesPerToken() / 2, launched.prefill().engine().kvBytesPerToken());
        assertEquals(byDefault.decode().engine().kvBytesPerToken() / 2, launched.decode().engine().kvBytesPerToken());
        assertEquals(0.6 / 0.9, kvBytes(launched.prefill().engine()) / kvBytes(byDefault.prefill().engine()), 0.01,
                "the prefill pool's KV memory follows its free fraction");
        assertEquals(1.0, kvBytes(launched.decode().engine()) / kvBytes(byDefault.decode().engine()), 0.01);
    }

    private static double kvBytes(dev.plimsoll.perfmodel.sim.EngineConfig engine) {
        return (double) engine.kvCapacityTokens() * engine.kvBytesPerToken();
    }

    @Test
    void anH100TensorParallelDecodeRecipeCapsItsWorkersAtItsBatch() {
        // dsr1_h100_trtllm_fp8_disagg_1024x1024_c6_cfg494: one DEP 16 prefill and three TEP 16 decode workers at
        // 6 clients, ctx1_gen3_tep16_batch1_eplb0_mtp0.yaml (plain; its MTP twin runs the same point): decode
        // max_batch_size 1, so three of the six clients wait for a decode slot
        MeasuredDeployment row = new MeasuredDeployment("dsr1_h100_trtllm_fp8_disagg_1024x1024_c6_cfg494", 2, 6,
                "trtllm", "", "deepseek-ai/DeepSeek-R1-0528", "h100_sxm", true, 1024, 1024, "fp8", "fp8", null,
                pool(1, 16, 1, 16, 1, 1), pool(16, 1, 1, 16, 3, 2), 12345, 14);
        MultinodeRecipe decode = BUNDLED.recipesOf(row, BenchmarkClient.INFERENCEX, SrtSlurmRecipes.bundled())
                .decode().orElseThrow();
        assertEquals("recipes/trtllm/h100-fp8/1k1k/stp/ctx1_gen3_tep16_batch1_eplb0_mtp0.yaml", decode.recipe());
        assertEquals(1, decode.decodeMaxBatch());
    }

    @Test
    void rowsOfPoolsNoEntryRunsOrOfAnotherClientGetNoRecipe() {
        MeasuredDeployment otherPools = unrecorded(1024, 144).withPools(pool(1, 8, 1, 8, 1, 1),
                pool(8, 1, 1, 8, 8, 18));
        assertEquals(InferenceXMultinodeSpaces.LaunchedRecipes.NONE, BUNDLED.recipesOf(otherPools,
                BenchmarkClient.INFERENCEX, SrtSlurmRecipes.bundled()));
        MeasuredDeployment row = unrecorded(1024, 36).withPools(pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 4));
        assertTrue(BUNDLED.recipesOf(row, BenchmarkClient.INFERENCEX, SrtSlurmRecipes.bundled()).decode().isPresent());
        assertEquals(InferenceXMultinodeSpaces.LaunchedRecipes.NONE, BUNDLED.recipesOf(row, BenchmarkClient.AIPERF,
                SrtSlurmRecipes.bundled()));
    }

    @Test
    void theTranscriptionParsesCommentsHeaderAndEntries() throws IOException {
        String csv = "# a comment\nconfig,model_prefix,runner,precision,framework,isl,osl,spec_decoding,"
                + "concurrencies,prefill_workers,prefill,decode_workers,decode,recipe\n"
                + "m-fp4-gb200-dynamo-sglang,m,gb200,fp4,dynamo-sglang,8192,1024,none,12;44,2,4/4/dp,1,8/8/tp,r.yaml\n";
        List<Entry> parsed = InferenceXMultinodeSpaces.parse(new BufferedReader(new StringReader(csv)));
        assertEquals(List.of(new Entry("m-fp4-gb200-dynamo-sglang", "m", "gb200", "fp4", "dynamo-sglang", 8192,
                1024, false, List.of(12, 44), 2, new DeclaredPool(4, 4, true), 1, new DeclaredPool(8, 8, false),
                "r.yaml")), parsed);
    }
}
