package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;
import dev.plimsoll.perfmodel.cost.Fp8BlockMoeKernel;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine flags of AIConfigurator's benchmark generator, per pool and engine version. */
class BenchmarkLaunchTest {
    private static Replica replica(String backend) {
        ModelSpec model = TestSpecs.REGISTRY.model("llama-3.1-8b");
        return new Replicas(CostModelProvider.roofline()).build(new ReplicaSpec(model,
                TestSpecs.REGISTRY.gpu("h100-sxm"), new Parallelism(1, 1, 1, 1), QuantPresets.get("bf16"),
                BackendProfiles.get(backend), true, EstimateRequest.DEFAULT_MEMORY_FRACTION));
    }

    /** The aggregated launch with the client the row's id names, as validation picks it by default. */
    private static Replica aggregated(Replica replica, MeasuredDeployment row) {
        return BenchmarkLaunch.aggregated(replica, row, BenchmarkProtocol.DEFAULT.clientOf(row));
    }

    static PoolLayout pool(int batch) {
        return new PoolLayout(1, 1, 1, 1, 1, 1, batch);
    }

    static MeasuredDeployment agg(String backend, String version, int concurrency, int batch) {
        return new MeasuredDeployment("row", 2, concurrency, backend, version, "meta-llama/Llama-3.1-8B-Instruct",
                "h100_sxm", false, 2048, 256, "", "", pool(batch), null, null, 100, 10);
    }

    private static MeasuredDeployment disagg(String backend, int prefillBatch, int decodeBatch) {
        return new MeasuredDeployment("row", 2, 32, backend, "", "meta-llama/Llama-3.1-8B-Instruct", "h100_sxm", true,
                4096, 512, "", "", null, pool(prefillBatch), pool(decodeBatch), 100, 10);
    }

    @Test
    void aggregatedEnginesGetTheBatchAndAPromptPlusSlackTokenBudget() {
        EngineConfig e = aggregated(replica("trtllm"), agg("trtllm", "1.0.0rc3", 64, 64)).engine();
        assertEquals(64, e.maxRunningRequests());
        assertEquals(64 + 2048 + 1500, e.maxBatchedTokens());
        assertEquals(64, e.cudaGraphMaxBatch());
        assertFalse(e.chunkedPrefill(), "TensorRT-LLM keeps context chunking off");
        assertTrue(e.overlapScheduling());
    }

    @Test
    void sglangKeepsItsChunkSizeAndCapsThePrefillBatch() {
        Replica base = replica("sglang");
        EngineConfig e = aggregated(base, agg("sglang", "0.5.1.post1", 32, 32)).engine();
        assertEquals(base.engine().maxBatchedTokens(), e.maxBatchedTokens());
        assertEquals(2048 + 1500, e.maxPrefillTokens());
        assertEquals(32, e.maxRunningRequests());
    }

    @Test
    void aMissingBatchIsTheConcurrencyPerAttentionRank() {
        EngineConfig e = aggregated(replica("vllm"), agg("vllm", "0.12.0", 48, 0)).engine();
        assertEquals(48, e.maxRunningRequests());
    }

    @Test
    void concurrencyAboveTheBatchMeansSeveralEngines() {
        assertEquals(4, workers(agg("trtllm", "1.3.0rc1", 192, 48)));
        assertEquals(1, workers(agg("trtllm", "1.3.0rc1", 48, 48)));
        assertEquals(1, workers(agg("trtllm", "1.3.0rc1", 48, 0)), "no batch: one engine");
    }

    private static int workers(MeasuredDeployment row) {
        return BenchmarkLaunch.aggregatedWorkers(row, BenchmarkClient.AIPERF, SchedulerProfile.TRTLLM, 8);
    }

    @Test
    void disaggregatedPoolsFollowTheGeneratorDefaults() {
        MeasuredDeployment row = disagg("trtllm", 0, 0);
        EngineConfig prefill = BenchmarkLaunch.prefill(replica("trtllm"), row).engine();
        EngineConfig decode = BenchmarkLaunch.decode(replica("trtllm"), row).engine();
        assertEquals(1, prefill.maxRunningRequests());
        assertEquals(4096 + 1500, prefill.maxBatchedTokens());
        assertFalse(prefill.overlapScheduling(), "trtllm.rule: prefill disable_overlap_scheduler = true");
        assertEquals(128, decode.maxRunningRequests());
        assertEquals(128, decode.maxBatchedTokens());
        assertTrue(decode.overlapScheduling());
    }

    @Test
    void vllmSchedulesAsynchronouslyFromVersion012() {
        assertTrue(aggregated(replica("vllm"), agg("vllm", "0.12.0", 8, 8)).engine().overlapScheduling());
        assertTrue(aggregated(replica("vllm"), agg("vllm", "0.18.0", 8, 8)).engine().overlapScheduling());
        assertFalse(aggregated(replica("vllm"), agg("vllm", "0.11.2", 8, 8)).engine().overlapScheduling());
        assertFalse(aggregated(replica("vllm"), agg("vllm", "", 8, 8)).engine().overlapScheduling());
        assertTrue(BenchmarkLaunch.atLeast("1.0.0rc3", 0, 12));
        assertTrue(BenchmarkLaunch.atLeast("0.12rc1", 0, 12));
        assertFalse(BenchmarkLaunch.atLeast("garbage", 0, 12));
    }

    static MeasuredDeployment inferenceX(int concurrency) {
        return new MeasuredDeployment("2026_04_06_llama_3_1_70b_h100_sxm_vllm_fp8_agg_1024x8192_c" + concurrency, 2,
                concurrency, "vllm", "", "meta-llama/Llama-3.1-70B", "h100_sxm", false, 1024, 8192, "fp8", "fp8",
                pool(concurrency), null, null, 100, 10);
    }

    @Test
    void inferenceXLaunchesVllmWithItsOwnBudgetAndAsyncScheduling() {
        EngineConfig e = aggregated(replica("vllm"), inferenceX(32)).engine();
        assertEquals(32, e.maxRunningRequests());
        assertEquals(8192, e.maxBatchedTokens());
        assertTrue(e.overlapScheduling(), "--async-scheduling, even where the version is not recorded");
        EngineConfig aic = aggregated(replica("vllm"), agg("vllm", "", 32, 32)).engine();
        assertFalse(aic.overlapScheduling(), "an unrecorded version on the generator's launch keeps the old default");
    }

    private static MeasuredDeployment inferenceXDpAttention(int concurrency) {
        // as the data records InferenceX's dp-attn rows: tp 4, attention DP 4, EP 16, batch C / 4
        return new MeasuredDeployment("2026_04_06_minimax_m2_5_h100_sxm_vllm_fp8_agg_1024x1024_c" + concurrency
                + "_tp4_ep4", 2, concurrency, "vllm", "0.18.0", "MiniMaxAI/MiniMax-M2.5", "h100_sxm", false, 1024,
                1024, "fp8_block", "fp8_block", new PoolLayout(4, 1, 4, 1, 16, 0, concurrency / 4), null, null, 100, 10);
    }

    @Test
    void inferenceXVllmRunsTheTensorParallelLayoutItsScriptPasses() {
        MeasuredDeployment row = inferenceXDpAttention(32);
        PoolLayout launched = BenchmarkLaunch.aggregatedLayout(row, BenchmarkClient.INFERENCEX, SchedulerProfile.VLLM, 8);
        assertEquals(4, launched.gpus(), "--tensor-parallel-size=$TP with --enable-expert-parallel: 4 GPUs");
        assertEquals(1, launched.dp());
        assertEquals(4, launched.moeEp(), "experts over all four");
        assertEquals(32, launched.batch(), "every client in the one running batch");
        assertEquals(row.agg(), BenchmarkLaunch.aggregatedLayout(row, BenchmarkClient.AIPERF, SchedulerProfile.VLLM, 8),
                "the generator's launches ran as recorded");
        PoolLayout sglang = BenchmarkLaunch.aggregatedLayout(row, BenchmarkClient.INFERENCEX, SchedulerProfile.SGLANG, 8);
        assertEquals(new PoolLayout(1, 1, 4, 1, 4, 0, 8), sglang,
                "an engine that takes DP: the id's TP 4 GPUs as four attention-DP ranks, EP 4, C / 4 each");
    }

    /** A configuration-named DeepSeek-R1 TensorRT-LLM row of {@code gpu}'s campaign. */
    private static MeasuredDeployment dsr1Configuration(String gpu, String name, PoolLayout recorded) {
        return new MeasuredDeployment("dsr1_" + gpu + "_trtllm_fp8_agg_1024x1024_c64_" + name, 2, 64, "trtllm",
                "1.1.0rc2.post2", "deepseek-ai/DeepSeek-V3", gpu + "_sxm", false, 1024, 1024, "fp8", "fp8", recorded,
                null, null, 100, 10);
    }

    /** The B200's DeepSeek-R1 FP8 TensorRT-LLM script passes the EP of its configuration, as recorded. */
    private static MeasuredDeployment dsr1Configuration(String name, PoolLayout recorded) {
        return dsr1Configuration("b200", name, recorded);
    }

    @Test
    void sglangBefore0510ProjectsDeltaNetInputsWithFourGemms() {
        assertTrue(BenchmarkLaunch.separateGdnProjections("sglang", "0.5.9"));
        assertTrue(BenchmarkLaunch.separateGdnProjections("sglang", "0.5.6.post2"));
        assertFalse(BenchmarkLaunch.separateGdnProjections("sglang", "0.5.10"), "PR #21019");
        assertFalse(BenchmarkLaunch.separateGdnProjections("sglang", ""), "unrecorded: today's graph");
        assertFalse(BenchmarkLaunch.separateGdnProjections("vllm", "0.12.0"));
    }

    @Test
    void deepSeekOnTheH200WithTensorRtLlmRanExpertParallelAsWideAsItsTp() {
        PoolLayout recorded = new PoolLayout(8, 1, 1, 8, 1, 0, 64);
        assertEquals(new PoolLayout(8, 1, 1, 1, 8, 0, 64), BenchmarkLaunch.aggregatedLayout(dsr1Configuration("h200",
                "cfg83", recorded), BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8),
                "dsr1_fp8_h200_trt_slurm.sh set EP_SIZE=$TP: columns of moe_tp 8 / moe_ep 1 ran EP 8");
        MeasuredDeployment named = new MeasuredDeployment(
                "2026_04_06_deepseek_r1_h200_sxm_trtllm_fp8_agg_1024x1024_c4_tp8_ep1_40", 2, 4, "trtllm", "",
                "deepseek-ai/DeepSeek-R1", "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(8, 1, 1, 8, 1, 0, 4), null, null, 100, 10);
        assertEquals(new PoolLayout(8, 1, 1, 1, 8, 0, 4), BenchmarkLaunch.aggregatedLayout(named,
                BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8), "a result name without the EP it ran: EP 8");
        assertEquals(recorded, BenchmarkLaunch.aggregatedLayout(dsr1Configuration("b200", "cfg83", recorded),
                BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8), "the B200 script passes its EP as recorded");
        assertEquals(recorded, BenchmarkLaunch.aggregatedLayout(dsr1Configuration("h200", "cfg83", recorded),
                BenchmarkClient.AIPERF, SchedulerProfile.TRTLLM, 8), "another client's row ran as recorded");
    }

    @Test
    void aConfigurationNamedRowWhoseColumnsMultiplyTpByEpRanOnOneServer() {
        PoolLayout tp = BenchmarkLaunch.aggregatedLayout(dsr1Configuration("cfg181",
                new PoolLayout(64, 1, 1, 8, 8, 0, 64)), BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8);
        assertEquals(new PoolLayout(8, 1, 1, 1, 8, 0, 64), tp, "tp_size 64 = TP 8 x EP 8: eight GPUs, EP 8");
        PoolLayout dp = BenchmarkLaunch.aggregatedLayout(dsr1Configuration("cfg183",
                new PoolLayout(1, 1, 64, 8, 8, 0, 1)), BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8);
        assertEquals(new PoolLayout(1, 1, 8, 1, 8, 0, 8), dp, "attention DP over the eight GPUs, 64 clients / 8 each");
        PoolLayout split = new PoolLayout(8, 1, 1, 2, 4, 0, 64);
        assertEquals(split, BenchmarkLaunch.aggregatedLayout(dsr1Configuration("cfg9", split),
                BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 8), "TP 8 with EP 4 fits one server: as recorded");
        assertEquals(new PoolLayout(64, 1, 1, 8, 8, 0, 64), BenchmarkLaunch.aggregatedLayout(dsr1Configuration("cfg181",
                new PoolLayout(64, 1, 1, 8, 8, 0, 64)), BenchmarkClient.INFERENCEX, SchedulerProfile.TRTLLM, 72),
                "within a 72-GPU domain such a world is possible and kept");
    }

    private static MeasuredDeployment gptOss(String system, String backend) {
        return new MeasuredDeployment("2026_04_06_gpt_oss_120b_" + system + "_" + backend + "_fp4_agg_1024x1024_c8", 2,
                8, backend, "0.18.0", "openai/gpt-oss-120b", system, false, 1024, 1024, "nvfp4", "nvfp4",
                new PoolLayout(1, 1, 1, 1, 1, 0, 8), null, null, 100, 10);
    }

    @Test
    void inferenceXRunsMxfp4ExpertsThroughMarlinWhereItsScriptExportsIt() {
        BackendProfile vllm = BackendProfiles.get("vllm");
        assertEquals(MoeKernel.MARLIN, BenchmarkLaunch.kernels(vllm, gptOss("h100_sxm", "vllm"),
                BenchmarkClient.INFERENCEX).mxfp4MoeKernel(), "VLLM_MXFP4_USE_MARLIN=1 in gptoss_fp4_h100.sh");
        assertEquals(MoeKernel.MARLIN, BenchmarkLaunch.kernels(vllm, gptOss("h200_sxm", "vllm"),
                BenchmarkClient.INFERENCEX).mxfp4MoeKernel(), "VLLM_MXFP4_USE_MARLIN=1 in gptoss_fp4_h200.sh");
        assertEquals(MoeKernel.ENGINE_DEFAULT, BenchmarkLaunch.kernels(vllm, gptOss("h100_sxm", "vllm"),
                BenchmarkClient.AIPERF).mxfp4MoeKernel(), "the generator's launches export nothing");
        assertEquals(MoeKernel.ENGINE_DEFAULT, BenchmarkLaunch.kernels(vllm, gptOss("b200_sxm", "vllm"),
                BenchmarkClient.INFERENCEX).mxfp4MoeKernel(), "gptoss_fp4_b200.sh does not export it");
        assertEquals(MoeKernel.ENGINE_DEFAULT, BenchmarkLaunch.kernels(BackendProfiles.get("trtllm"),
                gptOss("h200_sxm", "trtllm"), BenchmarkClient.INFERENCEX).mxfp4MoeKernel());
    }

    private static MeasuredDeployment deepSeekFp4TrtB200(int concurrency, PoolLayout layout) {
        return new MeasuredDeployment("2026_04_06_dsr1_b200_sxm_trtllm_fp4_agg_1024x1024_c" + concurrency
                + "_tp8_ep8_1", 2, concurrency, "trtllm", "", "nvidia/DeepSeek-R1-0528-FP4-V2", "b200_sxm", false,
                1024, 1024, "nvfp4", "nvfp4", layout, null, null, 100, 10);
    }

    @Test
    void inferenceXsDeepSeekFp4ScriptNamesTheNvfp4MoeKernelByAttentionDp() {
        BackendProfile trt = BackendProfiles.get("trtllm");
        assertEquals(Nvfp4MoeKernel.TRTLLM_GEN, BenchmarkLaunch.kernels(trt,
                deepSeekFp4TrtB200(64, new PoolLayout(8, 1, 1, 1, 8, 0, 64)), BenchmarkClient.INFERENCEX)
                .nvfp4MoeKernel(), "dsr1_fp4_b200_trt.sh: MOE_BACKEND=\"TRTLLM\"");
        assertEquals(Nvfp4MoeKernel.CUTLASS, BenchmarkLaunch.kernels(trt,
                deepSeekFp4TrtB200(256, new PoolLayout(1, 1, 8, 1, 8, 0, 32)), BenchmarkClient.INFERENCEX)
                .nvfp4MoeKernel(), "... and CUTLASS when DP_ATTENTION is true");
        assertEquals(Nvfp4MoeKernel.ANY, BenchmarkLaunch.kernels(trt,
                deepSeekFp4TrtB200(64, new PoolLayout(8, 1, 1, 1, 8, 0, 64)), BenchmarkClient.AIPERF)
                .nvfp4MoeKernel(), "a launch Plimsoll does not know leaves the choice open");
        assertEquals(Nvfp4MoeKernel.ANY, trt.nvfp4MoeKernel(), "estimate and plan read the faster kernel");
    }

    @Test
    void inferenceXsQwen35B200ScriptsNameSglangsAttentionBackend() {
        BackendProfile sglang = BackendProfiles.get("sglang");
        MeasuredDeployment qwen = new MeasuredDeployment("2026_04_06_qwen3_5_397b_b200_sxm_sglang_fp8_agg_1024x1024_c8"
                + "_tp8_ep1_1", 2, 8, "sglang", "", "Qwen/Qwen3.5-397B-A17B-FP8", "b200_sxm", false, 1024, 1024, "fp8",
                "fp8", new PoolLayout(8, 1, 1, 8, 1, 0, 8), null, null, 100, 10);
        assertEquals(SglangAttentionBackend.TRTLLM_MHA, BenchmarkLaunch.kernels(sglang, qwen, BenchmarkClient.INFERENCEX)
                .attentionBackend(), "qwen3.5_fp8_b200.sh: --attention-backend trtllm_mha");
        assertEquals(SglangAttentionBackend.ANY, BenchmarkLaunch.kernels(sglang, deepSeekB200("fp8", 8, 1024, 8),
                BenchmarkClient.INFERENCEX).attentionBackend(), "dsr1_fp8_b200.sh names trtllm_mla, another table");
        assertEquals(SglangAttentionBackend.ANY, BenchmarkLaunch.kernels(sglang, qwen, BenchmarkClient.AIPERF)
                .attentionBackend(), "a launch Plimsoll does not know");
    }

    @Test
    void inferenceXScriptsSetTheirOwnFlags() {
        MeasuredDeployment trt = gptOss("h200_sxm", "trtllm");
        InferenceXScript script = BenchmarkLaunch.script(trt, BenchmarkClient.INFERENCEX).orElseThrow();
        assertEquals("gptoss_fp4_h200_trt.sh", script.file());
        assertEquals(20000, script.tokenBudget().applyAsInt(trt), "--max_num_tokens 20000");
        assertEquals(8, script.maxRunning().applyAsInt(trt), "--max_batch_size $CONC");
        assertTrue(BenchmarkLaunch.script(trt, BenchmarkClient.AIPERF).isEmpty(), "aiperf rows take the generator's");
        MeasuredDeployment minimax = new MeasuredDeployment("2026_04_06_minimax_m2_5_h200_sxm_vllm_fp8_agg_c64", 2,
                64, "vllm", "0.18.0", "MiniMaxAI/MiniMax-M2.5", "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(4, 1, 1, 4, 1, 0, 64), null, null, 100, 10);
        PoolLayout launched = BenchmarkLaunch.aggregatedLayout(minimax, BenchmarkClient.INFERENCEX,
                SchedulerProfile.VLLM, 8);
        assertEquals(4, launched.moeTp(), "TP 4 ran the script's first version, without --enable-expert-parallel");
        assertEquals(1, launched.moeEp());
        MeasuredDeployment tp8 = new MeasuredDeployment("2026_04_06_minimax_m2_5_h200_sxm_vllm_fp8_agg_c64", 2,
                64, "vllm", "0.18.0", "MiniMaxAI/MiniMax-M2.5", "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(8, 1, 1, 8, 1, 0, 64), null, null, 100, 10);
        PoolLayout launchedTp8 = BenchmarkLaunch.aggregatedLayout(tp8, BenchmarkClient.INFERENCEX,
                SchedulerProfile.VLLM, 8);
        assertEquals(8, launchedTp8.moeEp(), "minimaxm2.5_fp8_h200.sh passes --enable-expert-parallel when EP_SIZE >= 1");
        assertEquals(1, launchedTp8.moeTp());
        MeasuredDeployment h100 = new MeasuredDeployment(minimax.id().replace("h200", "h100"), 2, 64, "vllm", "0.18.0",
                "MiniMaxAI/MiniMax-M2.5", "h100_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(4, 1, 1, 4, 1, 0, 64), null, null, 100, 10);
        assertEquals(h100.agg(), BenchmarkLaunch.aggregatedLayout(h100, BenchmarkClient.INFERENCEX,
                SchedulerProfile.VLLM, 8), "minimaxm2.5_fp8_h100.sh: only when EP_SIZE > 1");
    }

    @Test
    void aScriptIsMatchedByModelEnginePrecisionAndGpu() {
        MeasuredDeployment b200 = gptOss("b200_sxm", "vllm");
        InferenceXScript script = BenchmarkLaunch.script(b200, BenchmarkClient.INFERENCEX).orElseThrow();
        assertEquals("gptoss_fp4_b200.sh", script.file());
        assertTrue(script.kvFp8(), "its config.yaml sets kv-cache-dtype: fp8");
        MeasuredDeployment int4 = new MeasuredDeployment("2026_04_06_kimik2_5_b200_sxm_vllm_int4_agg_c8", 2, 8, "vllm",
                "0.16.0", "moonshotai/Kimi-K2.5", "b200_sxm", false, 1024, 1024, "int4_wo", "int4_wo",
                new PoolLayout(8, 1, 1, 8, 1, 0, 8), null, null, 100, 10);
        assertEquals("kimik2.5_int4_b200.sh", BenchmarkLaunch.script(int4, BenchmarkClient.INFERENCEX).orElseThrow().file());
        MeasuredDeployment fp4 = new MeasuredDeployment(int4.id().replace("int4", "fp4"), 2, 8, "vllm", "0.16.0",
                "moonshotai/Kimi-K2.5", "b200_sxm", false, 1024, 1024, "nvfp4", "nvfp4",
                new PoolLayout(8, 1, 1, 8, 1, 0, 8), null, null, 100, 10);
        assertEquals("kimik2.5_fp4_b200.sh", BenchmarkLaunch.script(fp4, BenchmarkClient.INFERENCEX).orElseThrow().file());
        MeasuredDeployment bf16 = new MeasuredDeployment(int4.id(), 2, 8, "vllm", "0.16.0", "moonshotai/Kimi-K2.5",
                "b200_sxm", false, 1024, 1024, "", "", new PoolLayout(8, 1, 1, 8, 1, 0, 8), null, null, 100, 10);
        assertTrue(BenchmarkLaunch.script(bf16, BenchmarkClient.INFERENCEX).isEmpty(), "no bf16 Kimi script");
    }

    private static MeasuredDeployment deepSeekB200(String precision, int tp, int isl, int concurrency) {
        return new MeasuredDeployment("dsr1_b200_sglang_" + precision + "_agg_" + isl + "x1024_c" + concurrency + "_cfg1",
                2, concurrency, "sglang", "0.5.9", "deepseek-ai/DeepSeek-R1", "b200_sxm", false, isl, 1024, precision,
                precision, new PoolLayout(tp, 1, 1, 1, tp, 0, concurrency), null, null, 100, 10);
    }

    @Test
    void b200SglangScriptsReadNewRequestsEveryTenOrThirtyDecodeSteps() {
        Replica sglang = replica("sglang");
        assertEquals(30, BenchmarkLaunch.aggregated(sglang, deepSeekB200("fp8", 8, 1024, 64), BenchmarkClient.INFERENCEX)
                .engine().recvInterval(), "dsr1_fp8_b200.sh: SCHEDULER_RECV_INTERVAL=30 when CONC >= 16");
        assertEquals(10, BenchmarkLaunch.aggregated(sglang, deepSeekB200("fp8", 8, 1024, 8), BenchmarkClient.INFERENCEX)
                .engine().recvInterval(), "... and 10 below");
        assertEquals(30, BenchmarkLaunch.aggregated(sglang, deepSeekB200("fp4", 8, 1024, 16), BenchmarkClient.INFERENCEX)
                .engine().recvInterval(), "dsr1_fp4_b200.sh sets it the same way");
        MeasuredDeployment h200 = new MeasuredDeployment("dsr1_h200_sglang_fp8_agg_1024x1024_c64_cfg81", 2, 64, "sglang",
                "0.5.9", "deepseek-ai/DeepSeek-V3", "h200_sxm", false, 1024, 1024, "fp8", "fp8_block",
                new PoolLayout(8, 1, 1, 8, 1, 0, 64), null, null, 100, 10);
        assertEquals(1, BenchmarkLaunch.aggregated(sglang, h200, BenchmarkClient.INFERENCEX).engine().recvInterval(),
                "dsr1_fp8_h200.sh leaves SGLang's default: every turn");
    }

    @Test
    void aScriptThatBranchesOnTpGivesEachBranchItsFlags() {
        MeasuredDeployment tp4 = deepSeekB200("fp8", 4, 8192, 64);
        InferenceXScript four = BenchmarkLaunch.script(tp4, BenchmarkClient.INFERENCEX).orElseThrow();
        assertEquals(0.95, four.memoryFraction(), "the TP 4 branch: --mem-fraction-static 0.95");
        assertEquals(32, four.maxRunning().applyAsInt(tp4), "--max-running-requests 32");
        assertEquals(10, four.recvInterval().applyAsInt(tp4), "SCHEDULER_RECV_INTERVAL=10 whatever CONC");
        MeasuredDeployment tp8 = deepSeekB200("fp8", 8, 8192, 64);
        InferenceXScript eight = BenchmarkLaunch.script(tp8, BenchmarkClient.INFERENCEX).orElseThrow();
        assertEquals(0.82, eight.memoryFraction());
        assertEquals(64, eight.maxRunning().applyAsInt(tp8), "--max-running-requests 128, above the 64 clients");
        MeasuredDeployment named = new MeasuredDeployment("2026_04_06_deepseek_r1_b200_sxm_sglang_fp8_agg_8192x1024_c64"
                + "_tp4_ep1_7", 2, 64, "sglang", "0.5.9", "deepseek-ai/DeepSeek-R1", "b200_sxm", false, 8192, 1024,
                "fp8", "fp8", new PoolLayout(32, 1, 1, 32, 1, 0, 64), null, null, 100, 10);
        assertEquals(0.95, BenchmarkLaunch.script(named, BenchmarkClient.INFERENCEX).orElseThrow().memoryFraction(),
                "the TP a result name gives wins over layout columns that multiply TP and EP");
        MeasuredDeployment disaggregated = new MeasuredDeployment("dsr1_b200_sglang_fp8_disagg_1024x1024_c64_cfg9", 2,
                64, "sglang", "0.5.9", "deepseek-ai/DeepSeek-R1", "b200_sxm", true, 1024, 1024, "fp8", "fp8", null,
                new PoolLayout(8, 1, 1, 8, 1, 1, 0), new PoolLayout(8, 1, 1, 8, 1, 1, 0), 100, 10);
        assertEquals(0, InferenceXScript.scriptTp(disaggregated), "no aggregated layout and no TP in the name");
    }

    private static MeasuredDeployment llama70bTrt(String id, int isl, int osl, int tp) {
        return new MeasuredDeployment(id, 2, 8, "trtllm", "", "meta-llama/Llama-3.1-70B", "h200_sxm", false, isl, osl,
                "fp8", "fp8", new PoolLayout(tp, 1, 1, tp, 1, 1, 8), null, null, 100, 10);
    }

    @Test
    void inferenceXLlama70bTrtScriptsHoldContextsOnlyAt1k1kBelowTp8() {
        Replica base = replica("trtllm");
        EngineConfig tp4 = aggregated(base, llama70bTrt(
                "2026_04_06_llama_3_1_70b_h200_sxm_trtllm_fp8_agg_1024x1024_c8_tp4_ep1_1", 1024, 1024, 4)).engine();
        assertEquals(new dev.plimsoll.perfmodel.sim.ContextBatchWait(20, 0.9), tp4.contextWaiting().batch());
        assertEquals(16384, tp4.maxBatchedTokens(), "--max_num_tokens 16384");
        EngineConfig tp8 = aggregated(base, llama70bTrt(
                "2026_04_06_llama_3_1_70b_h200_sxm_trtllm_fp8_agg_1024x1024_c8_tp8_ep1_2", 1024, 1024, 8)).engine();
        assertFalse(tp8.contextWaiting().batch().enabled(), "the script's branch needs TP < 8");
        EngineConfig longOutput = aggregated(base, llama70bTrt(
                "2026_04_06_llama_3_1_70b_h200_sxm_trtllm_fp8_agg_1024x8192_c8_tp4_ep1_3", 1024, 8192, 4)).engine();
        assertFalse(longOutput.contextWaiting().batch().enabled(), "only 1k/1k runs wait");
    }

    @Test
    void theGeneratorsSglangTemplatesPassMixedChunksFromVersion053On() {
        Replica base = replica("sglang");
        assertTrue(aggregated(base, agg("sglang", "0.5.6.post2", 32, 32)).engine().mixedChunk(),
                "cli_args.0.5.6.post2.j2 passes --enable-mixed-chunk");
        assertFalse(aggregated(base, agg("sglang", "0.5.1.post1", 32, 32)).engine().mixedChunk(),
                "cli_args.0.5.1.post1.j2 tests the key enable-mix-chunk, which the generator never sets");
        assertFalse(aggregated(replica("vllm"), agg("vllm", "0.12.0", 32, 32)).engine().mixedChunk());
    }

    /**
     * vLLM ran block-FP8 experts through DeepGEMM at every batch from 0.11.1 (E8M0 the Hopper default,
     * PR #26197) through the 0.14 line; 0.15.0's priority list put FlashInfer CUTLASS first (PR #32414),
     * so it and later versions, other engines and unrecorded versions keep the kernel tables' kernels.
     */
    @Test
    void deepGemmMoeIsTheDefaultOfVllm0111To014Only() {
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.11.0"));
        assertTrue(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.11.1"));
        assertTrue(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.11.2"));
        assertTrue(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.12.0"));
        assertTrue(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.13.0"));
        assertTrue(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.14.1"), "select_fp8_moe_backend kept the 0.12 order");
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.15.0"), "PR #32414: FlashInfer CUTLASS first");
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.16.0"));
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("vllm", "0.18.0"));
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("vllm", ""), "an unrecorded version keeps the tables' kernel");
        assertFalse(BenchmarkLaunch.deepGemmMoeDefault("sglang", "0.12.0"));
        BackendProfile launched = BenchmarkLaunch.kernels(BackendProfiles.get("vllm"), agg("vllm", "0.12.0", 8, 8),
                BenchmarkClient.AIPERF);
        assertEquals(Fp8BlockMoeKernel.DEEPGEMM_CONTIGUOUS, launched.fp8BlockMoeKernel());
        assertEquals(Fp8BlockMoeKernel.ENGINE_DEFAULT, BenchmarkLaunch.kernels(BackendProfiles.get("vllm"),
                agg("vllm", "0.18.0", 8, 8), BenchmarkClient.AIPERF).fp8BlockMoeKernel());
    }
}
