package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.Deployment;
import dev.plimsoll.perfmodel.sim.RouterKind;
import dev.plimsoll.perfmodel.validate.InferenceXLayoutCorrections.Correction;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layouts InferenceX's multinode runs launched where nvidia-master.yaml declared others (PR #919), read
 * from rows shaped as the shared H200 file records them.
 */
class InferenceXLayoutCorrectionsTest {
    private static final InferenceXLayoutCorrections BUNDLED = InferenceXLayoutCorrections.bundled();

    /** A DeepSeek-R1 TensorRT-LLM disaggregated row of InferenceX's campaign, OSL 1024. */
    private static MeasuredDeployment disagg(String id, String model, String system, String quant, int isl,
                                             int concurrency, PoolLayout prefill, PoolLayout decode) {
        return new MeasuredDeployment(id, 2, concurrency, "trtllm", "0.8.1.post1", model, system, true, isl, 1024,
                quant, quant, null, prefill, decode, 1000, 20);
    }

    /** An H200 FP8 row (cfg ids as the shared file has them). */
    private static MeasuredDeployment h200(String id, int isl, int concurrency, PoolLayout prefill,
                                           PoolLayout decode) {
        return disagg(id, "deepseek-ai/DeepSeek-V3", "h200_sxm", "fp8", isl, concurrency, prefill, decode);
    }

    private static PoolLayout pool(int tp, int dp, int moeTp, int moeEp, int workers, int batch) {
        return new PoolLayout(tp, 1, dp, moeTp, moeEp, workers, batch);
    }

    /** The row launched as InferenceX's client measured it: these pools, everything else as recorded. */
    private static void assertLaunched(MeasuredDeployment row, PoolLayout prefill, PoolLayout decode) {
        MeasuredDeployment launched = BUNDLED.launched(row, BenchmarkClient.INFERENCEX);
        assertEquals(prefill, launched.prefill(), row.id() + " prefill");
        assertEquals(decode, launched.decode(), row.id() + " decode");
        assertEquals(row.id(), launched.id());
        assertEquals(row.concurrency(), launched.concurrency());
        assertEquals(row.ttftMs(), launched.ttftMs());
    }

    @Test
    void theBundledTableHoldsThe34EntriesPr919CorrectedEachChangingAPool() {
        List<Correction> all = BUNDLED.corrections();
        assertEquals(34, all.size());
        for (Correction c : all) {
            assertTrue(!c.prefillDeclared().equals(c.prefillRecipe()) || !c.decodeDeclared().equals(c.decodeRecipe()),
                    c.recipe());
            assertTrue(c.recipe().startsWith("recipes/trtllm/"), c.recipe());
        }
    }

    @Test
    void anH200OneKRowRecordedWithTheOldPrefillDeclarationRunsAttentionDataParallel() {
        // dsr1_h200_trtllm_fp8_disagg_1024x1024_c36_cfg303: prefill tp 8 without attention DP, as nvidia-master
        // declared c4_ctx1_gen9_tep8_batch256_eplb0_mtp0.yaml before PR #919; the recipe sets enable_attention_dp
        MeasuredDeployment row = h200("dsr1_h200_trtllm_fp8_disagg_1024x1024_c36_cfg303", 1024, 36,
                pool(8, 1, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 4));
        // one request a rank, as the twin cfg590 records; the decode declaration was right
        assertLaunched(row, pool(1, 8, 1, 8, 1, 1), row.decode());
    }

    @Test
    void anH200EightKRowRecordedWithAttentionDataParallelPrefillRunsTensorParallel() {
        // dsr1_h200_trtllm_fp8_disagg_8192x1024_c192_cfg325 (c64_ctx2_gen3_dep8_batch128_eplb0_mtp0.yaml)
        MeasuredDeployment row = h200("dsr1_h200_trtllm_fp8_disagg_8192x1024_c192_cfg325", 8192, 192,
                pool(1, 8, 1, 8, 2, 1), pool(1, 8, 1, 8, 3, 8));
        // the pool keeps its eight requests in flight
        assertLaunched(row, pool(8, 1, 1, 8, 2, 8), row.decode());
    }

    @Test
    void thePlannerLaunchesTheRecipesPrefillForARowWithTheOldDeclarationBehindDynamosDefaultRouting() {
        DeploymentPlanner planner = new DeploymentPlanner(TestSpecs.REGISTRY, new ModelResolver(TestSpecs.REGISTRY,
                TestSpecs.sharedData().resolve("hf-configs")), new Replicas(CostModelProvider.roofline()));
        MeasuredDeployment cfg303 = h200("dsr1_h200_trtllm_fp8_disagg_1024x1024_c36_cfg303", 1024, 36,
                pool(8, 1, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 4));
        Deployment.Disaggregated planned = (Deployment.Disaggregated) planner.plan(cfg303).plan().config().deployment();
        assertEquals(8, planned.prefill().engine().attentionDpRanks(), "the recipe's enable_attention_dp");
        assertEquals(1, planned.decode().engine().attentionDpRanks());
        assertEquals(9, planned.decode().workers());
        assertEquals(RouterKind.ROUND_ROBIN, planned.decodeRouter(), "the Dynamo frontend's default routing");
        assertEquals(RouterKind.ROUND_ROBIN, planned.prefillRouter());
    }

    @Test
    void aRowWithTheRecipesLayoutKeepsIt() {
        MeasuredDeployment twin = h200("dsr1_h200_trtllm_fp8_disagg_1024x1024_c36_cfg590", 1024, 36,
                pool(1, 8, 1, 8, 1, 1), pool(8, 1, 1, 8, 9, 4));
        assertSame(twin, BUNDLED.launched(twin, BenchmarkClient.INFERENCEX));
    }

    @Test
    void anEntryPr919LeftAloneKeepsItsRecordedLayout() {
        // dsr1_h200_trtllm_fp8_disagg_8192x1024_c28_cfg297: c4_ctx1_gen7, declared as its recipe ran it
        MeasuredDeployment c28 = h200("dsr1_h200_trtllm_fp8_disagg_8192x1024_c28_cfg297", 8192, 28,
                pool(8, 1, 1, 8, 1, 1), pool(8, 1, 1, 8, 7, 4));
        assertSame(c28, BUNDLED.launched(c28, BenchmarkClient.INFERENCEX));
    }

    @Test
    void otherWorkerCountsConcurrenciesClientsOrUnrecordedWorkersDoNotMatch() {
        PoolLayout declared = pool(8, 1, 1, 8, 1, 1);
        MeasuredDeployment otherDecode = h200("x_cfg1", 1024, 36, declared, pool(8, 1, 1, 8, 8, 4));
        MeasuredDeployment otherLoad = h200("x_cfg2", 1024, 40, declared, pool(8, 1, 1, 8, 9, 4));
        MeasuredDeployment noWorkers = h200("2026_03_25_deepseek_r1_h200_sxm_trtllm_fp8_disagg_1024x1024_c36_tp8_0_ep8_0_368",
                1024, 36, pool(8, 1, 1, 8, 0, 0), pool(8, 1, 1, 8, 0, 0));
        MeasuredDeployment cfg303 = h200("dsr1_h200_trtllm_fp8_disagg_1024x1024_c36_cfg303", 1024, 36, declared,
                pool(8, 1, 1, 8, 9, 4));
        for (MeasuredDeployment row : List.of(otherDecode, otherLoad, noWorkers)) {
            assertSame(row, BUNDLED.launched(row, BenchmarkClient.INFERENCEX), row.id());
        }
        assertSame(cfg303, BUNDLED.launched(cfg303, BenchmarkClient.AIPERF), "not InferenceX's client");
    }

    @Test
    void aB200EightKPrefillRunsItsExpertsTensorParallel() {
        // ctx1_gen4_tp8_batch32_eplb0_mtp0_128.yaml: prefill tensor_parallel_size 8, moe_expert_parallel_size 1,
        // enable_attention_dp true; declared ep 8 before PR #919
        MeasuredDeployment row = disagg("dsr1_b200_trtllm_fp8_disagg_8192x1024_c128_cfg7",
                "deepseek-ai/DeepSeek-R1-0528", "b200_sxm", "fp8", 8192, 128, pool(1, 8, 1, 8, 1, 1),
                pool(8, 1, 8, 1, 4, 32));
        assertLaunched(row, pool(1, 8, 8, 1, 1, 1), row.decode());
    }

    @Test
    void aGb200DecodeDeclaredDataParallelRunsTensorParallelWithItsClientsPerWorker() {
        // ctx1_gen4_tep8_batch16_eplb0_mtp0.yaml: four TEP 8 decode workers; recorded as 8 attention ranks of 2
        // requests, each worker keeps its 16
        MeasuredDeployment row = disagg("dsr1_gb200_trtllm_fp4_disagg_8192x1024_c44_cfg9",
                "nvidia/DeepSeek-R1-0528-FP4-V2", "gb200", "nvfp4", 8192, 44, pool(1, 4, 1, 4, 1, 1),
                pool(1, 8, 1, 8, 4, 2));
        assertLaunched(row, row.prefill(), pool(8, 1, 1, 8, 4, 16));
    }

    @Test
    void aDeclaredPoolReadsAsAicConfiguratorEncodesIt() {
        DeclaredPool tep = new DeclaredPool(8, 8, false);
        DeclaredPool dep = new DeclaredPool(8, 8, true);
        DeclaredPool attentionDpExpertsTp = new DeclaredPool(8, 1, true);
        assertTrue(tep.describes(pool(8, 1, 1, 8, 1, 1)));
        assertTrue(dep.describes(pool(1, 8, 1, 8, 1, 1)));
        assertTrue(attentionDpExpertsTp.describes(pool(1, 8, 8, 1, 1, 1)));
        assertEquals(false, dep.describes(pool(8, 1, 1, 8, 1, 1)));
        assertEquals(false, attentionDpExpertsTp.describes(pool(1, 8, 1, 8, 1, 1)));
    }

    @Test
    void theTranscriptionParsesCommentsHeaderAndEntries() throws IOException {
        String csv = "# a comment\nconfig,system,precision,isl,osl,concurrencies,prefill_workers,decode_workers,"
                + "prefill_declared,prefill_recipe,decode_declared,decode_recipe,recipe\n"
                + "m-fp4-gb200-dynamo-trt,gb200,fp4,8192,1024,12;44,1,4,4/4/dp,4/4/dp,8/8/dp,8/8/tp,r.yaml\n";
        List<Correction> parsed = InferenceXLayoutCorrections.parse(new BufferedReader(new StringReader(csv)));
        assertEquals(List.of(new Correction("m-fp4-gb200-dynamo-trt", "gb200", "fp4", 8192, 1024, List.of(12, 44), 1,
                4, new DeclaredPool(4, 4, true), new DeclaredPool(4, 4, true), new DeclaredPool(8, 8, true),
                new DeclaredPool(8, 8, false), "r.yaml")), parsed);
    }
}
