package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.serving.MtpAcceptance;
import dev.plimsoll.perfmodel.serving.MtpDraftCost;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InferenceX's DeepSeek-R1 TensorRT-LLM MTP runs on the H200 (dsr1-fp8-h200-trt-mtp at commit 12ba0ae):
 * which rows they are, and the engine dsr1_fp8_h200_trt_mtp.sh launched for them.
 */
class InferenceXMtpScriptTest {
    /**
     * A made-up InferenceX DeepSeek-R1 row on the H200 in the layout columns of the campaign that
     * multiplies TP and EP ({@code tp_size 64} for TP 8 with EP 8, attention DP over 64 with DP_ATTENTION).
     */
    private static MeasuredDeployment row(int isl, int osl, int concurrency, boolean dpAttention) {
        PoolLayout layout = dpAttention ? new PoolLayout(1, 1, 64, 8, 8, 0, Math.max(1, concurrency / 64))
                : new PoolLayout(64, 1, 1, 8, 8, 0, concurrency);
        return new MeasuredDeployment("2026_01_01_deepseek_r1_h200_sxm_trtllm_fp8_agg_" + isl + "x" + osl + "_c"
                + concurrency + "_tp8_ep8_x", 2, concurrency, "trtllm", "1.1.0rc2.post2", "deepseek-ai/DeepSeek-R1",
                "h200_sxm", false, isl, osl, "fp8", "fp8", layout, null, null, 100, 10);
    }

    private static Replica deepSeek(MeasuredDeployment row) {
        ModelSpec model = TestSpecs.REGISTRY.model("deepseek-r1");
        PoolLayout pool = BenchmarkLaunch.aggregatedLayout(row, BenchmarkClient.INFERENCEX,
                SchedulerProfile.TRTLLM, 8);
        return new Replicas(CostModelProvider.roofline()).build(new ReplicaSpec(model,
                TestSpecs.REGISTRY.gpu("h200-sxm"), pool.parallelism(), QuantPresets.get("fp8"),
                BackendProfiles.get("trtllm"), true, 0.8));
    }

    @Test
    void aRowReadsAsItsConfigurationsPointInEitherLayoutEncoding() {
        InferenceXSearchSpaces.Point p = InferenceXMtpScript.point(row(1024, 1024, 256, true)).orElseThrow();
        assertEquals(new InferenceXSearchSpaces.Point("dsr1", "h200", "fp8", "trt", 1024, 1024, 8, 8, true, 256), p);
        MeasuredDeployment unnamed = new MeasuredDeployment("2026_01_01_deepseek_r1_h200_sxm_trtllm_fp8_agg_c256", 2,
                256, "trtllm", "", "deepseek-ai/DeepSeek-R1-0528", "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(1, 1, 8, 1, 8, 0, 32), null, null, 100, 10);
        assertEquals(p, InferenceXMtpScript.point(unnamed).orElseThrow(), "tp 1 x dp 8 with EP 8: TP 8, attention DP");
    }

    @Test
    void onlyPointsNoPlainConfigurationDefinesRunTheMtpScript() {
        assertEquals("dsr1_fp8_h200_trt_mtp.sh",
                InferenceXScripts.of(row(1024, 1024, 256, true)).orElseThrow().file(), "DP c256: -mtp only");
        assertEquals("dsr1_fp8_h200_trt_mtp.sh",
                InferenceXScripts.of(row(1024, 8192, 128, false)).orElseThrow().file(), "1k/8k c128: -mtp only");
        assertEquals("dsr1_fp8_h200_trt.sh", InferenceXScripts.of(row(1024, 1024, 4, false)).orElseThrow().file(),
                "1k/1k c4: both define it, ambiguous, plain");
        assertEquals("dsr1_fp8_h200_trt.sh", InferenceXScripts.of(row(8192, 1024, 64, true)).orElseThrow().file(),
                "8k/1k DP c64: both define it");
        MeasuredDeployment aiperf = new MeasuredDeployment("deepseek_r1_h200_c256", 2, 256, "trtllm", "",
                "deepseek-ai/DeepSeek-R1", "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(1, 1, 8, 1, 8, 0, 32), null, null, 100, 10);
        assertTrue(BenchmarkLaunch.script(aiperf, BenchmarkClient.AIPERF).isEmpty(), "only InferenceX rows");
    }

    @Test
    void withAttentionDpTheScriptDraftsOneTokenAndBatchesConcOverTpPerRank() {
        MeasuredDeployment row = row(1024, 1024, 256, true);
        Replica base = deepSeek(row);
        EngineConfig e = BenchmarkLaunch.aggregated(base, row, BenchmarkClient.INFERENCEX).engine();
        assertEquals(1, e.speculative().draftTokens(), "MTP=1 with DP_ATTENTION");
        assertEquals(32, e.maxRunningRequests(), "MAX_BATCH_SIZE = CONC / TP");
        assertEquals(1152, e.maxBatchedTokens(), "((1 + 1) x 32 + 1024 + 64 + 63) / 64 x 64");
        assertEquals(32, e.cudaGraphMaxBatch(), "cuda_graph_config 128, above the batch");
        assertEquals(MtpAcceptance.FIRST_TOKEN_RATE, e.speculative().acceptanceRate());
        assertEquals(MtpDraftCost.ratio(base.spec().model()), e.speculative().draftStepCostRatio());
    }

    @Test
    void withoutAttentionDpTheScriptDraftsThreeTokensAndBatchesEveryClient() {
        MeasuredDeployment row = row(1024, 8192, 128, false);
        EngineConfig e = BenchmarkLaunch.aggregated(deepSeek(row), row, BenchmarkClient.INFERENCEX).engine();
        assertEquals(3, e.speculative().draftTokens(), "MTP=3");
        assertEquals(128, e.maxRunningRequests(), "MAX_BATCH_SIZE = CONC");
        assertEquals(1600, e.maxBatchedTokens(), "((3 + 1) x 128 + 1024 + 64 + 63) / 64 x 64, no 8192 floor");
        assertTrue(e.speculative().acceptanceRate() < MtpAcceptance.FIRST_TOKEN_RATE,
                "later drafts of the reused module are accepted less often");
        MeasuredDeployment plain = row(1024, 1024, 4, false);
        EngineConfig p = BenchmarkLaunch.aggregated(deepSeek(plain), plain, BenchmarkClient.INFERENCEX).engine();
        assertFalse(p.speculative().enabled(), "an ambiguous point runs without speculation");
        assertEquals(8192, p.maxBatchedTokens(), "dsr1_fp8_h200_trt.sh: max(8192, ...)");
    }

    @Test
    void aVerifyStepOfTheCapturedBatchReplaysItsCudaGraph() {
        MeasuredDeployment row = row(1024, 1024, 4, false);
        Replica base = deepSeek(row);
        EngineConfig mtp = base.engine().withMaxRunningRequests(4).withCudaGraphMaxBatch(4)
                .withSpeculative(BenchmarkLaunch.mtpDrafts(3, base.spec().model()));
        assertEquals(16, mtp.cudaGraphMaxDecodeTokens(), "4 requests x (3 drafts + 1)");
        StepBatch verify = StepBatch.decode(16, 1024);
        double graphed = base.stepTimes().create(mtp).stepMs(verify);
        double eager = base.stepTimes().create(mtp.withSpeculative(SpeculativeDecoding.NONE)).stepMs(verify);
        assertTrue(graphed < eager, "16 verify tokens of 4 requests fit the graphs of batch 4: " + graphed + " vs "
                + eager);
        EngineConfig vllm = new EngineConfig(SchedulerProfile.VLLM, 1000, 1, 16, 4, 8192, 0, true, 4, false, 1,
                new SpeculativeDecoding(3, 0.7, 0.05), false);
        assertEquals(4, vllm.cudaGraphMaxDecodeTokens(), "vLLM's capture sizes count tokens already");
    }

    @Test
    void b200SglangMtpRunsProposeTwoTokensWithTheirOwnScriptsLimits() {
        MeasuredDeployment c256 = new MeasuredDeployment("dsr1_b200_sglang_fp8_agg_1024x1024_c256_cfg1", 2, 256,
                "sglang", "0.5.9", "deepseek-ai/DeepSeek-R1-0528", "b200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(8, 1, 1, 8, 1, 0, 256), null, null, 100, 10);
        InferenceXMtpScript mtp = InferenceXMtpScript.of(c256).orElseThrow();
        assertEquals("dsr1_fp8_b200_mtp.sh", mtp.script().file(), "c256: only dsr1-fp8-b200-sglang-mtp sweeps past 64");
        assertEquals(2, mtp.draftTokens().applyAsInt(c256), "--speculative-num-steps 2, top-k 1");
        assertEquals(256, mtp.script().maxRunning().applyAsInt(c256), "--max-running-requests 512");
        MeasuredDeployment c32 = new MeasuredDeployment(c256.id().replace("c256", "c32"), 2, 32, "sglang", "0.5.9",
                "deepseek-ai/DeepSeek-R1-0528", "b200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(8, 1, 1, 8, 1, 0, 32), null, null, 100, 10);
        assertTrue(InferenceXMtpScript.of(c32).isEmpty(), "c32: dsr1-fp8-b200-sglang defines it too");
        assertEquals("dsr1_fp8_b200.sh", InferenceXScripts.of(c32).orElseThrow().file());
    }

    @Test
    void theMtpScriptsKeepTheirFreeMemoryFraction() {
        MeasuredDeployment row = row(1024, 1024, 256, true);
        assertEquals(0.75, InferenceXScripts.trtFreeMemoryFraction(InferenceXScripts.of(row).orElseThrow(), row));
    }
}
