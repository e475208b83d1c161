package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.workload.Workload;
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

    private static PoolLayout pool(int batch) {
        return new PoolLayout(1, 1, 1, 1, 1, 1, batch);
    }

    private static MeasuredDeployment agg(String backend, String version, int concurrency, int batch) {
        return new MeasuredDeployment("row", 2, concurrency, backend, version, "meta-llama/Llama-3.1-8B-Instruct",
                "h100_sxm", false, 2048, 256, "", "", pool(batch), null, null, 100, 10);
    }

    private static MeasuredDeployment disagg(String backend, int prefillBatch, int decodeBatch) {
        return new MeasuredDeployment("row", 2, 32, backend, "", "meta-llama/Llama-3.1-8B-Instruct", "h100_sxm", true,
                4096, 512, "", "", null, pool(prefillBatch), pool(decodeBatch), 100, 10);
    }

    @Test
    void aggregatedEnginesGetTheBatchAndAPromptPlusSlackTokenBudget() {
        EngineConfig e = BenchmarkLaunch.aggregated(replica("trtllm"), agg("trtllm", "1.0.0rc3", 64, 64)).engine();
        assertEquals(64, e.maxRunningRequests());
        assertEquals(64 + 2048 + 1500, e.maxBatchedTokens());
        assertEquals(64, e.cudaGraphMaxBatch());
        assertFalse(e.chunkedPrefill(), "TensorRT-LLM keeps context chunking off");
        assertTrue(e.overlapScheduling());
    }

    @Test
    void sglangKeepsItsChunkSizeAndCapsThePrefillBatch() {
        Replica base = replica("sglang");
        EngineConfig e = BenchmarkLaunch.aggregated(base, agg("sglang", "0.5.1.post1", 32, 32)).engine();
        assertEquals(base.engine().maxBatchedTokens(), e.maxBatchedTokens());
        assertEquals(2048 + 1500, e.maxPrefillTokens());
        assertEquals(32, e.maxRunningRequests());
    }

    @Test
    void aMissingBatchIsTheConcurrencyPerAttentionRank() {
        EngineConfig e = BenchmarkLaunch.aggregated(replica("vllm"), agg("vllm", "0.12.0", 48, 0)).engine();
        assertEquals(48, e.maxRunningRequests());
    }

    @Test
    void concurrencyAboveTheBatchMeansSeveralEngines() {
        assertEquals(4, BenchmarkLaunch.aggregatedWorkers(agg("trtllm", "1.3.0rc1", 192, 48)));
        assertEquals(1, BenchmarkLaunch.aggregatedWorkers(agg("trtllm", "1.3.0rc1", 48, 48)));
        assertEquals(1, BenchmarkLaunch.aggregatedWorkers(agg("trtllm", "1.3.0rc1", 48, 0)), "no batch: one engine");
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
        assertTrue(BenchmarkLaunch.aggregated(replica("vllm"), agg("vllm", "0.12.0", 8, 8)).engine().overlapScheduling());
        assertTrue(BenchmarkLaunch.aggregated(replica("vllm"), agg("vllm", "0.18.0", 8, 8)).engine().overlapScheduling());
        assertFalse(BenchmarkLaunch.aggregated(replica("vllm"), agg("vllm", "0.11.2", 8, 8)).engine().overlapScheduling());
        assertFalse(BenchmarkLaunch.aggregated(replica("vllm"), agg("vllm", "", 8, 8)).engine().overlapScheduling());
        assertTrue(BenchmarkLaunch.atLeast("1.0.0rc3", 0, 12));
        assertTrue(BenchmarkLaunch.atLeast("0.12rc1", 0, 12));
        assertFalse(BenchmarkLaunch.atLeast("garbage", 0, 12));
    }

    @Test
    void theMeasuredPhaseStartsFromABurstAndAveragesEveryRequest() {
        Workload.ClosedLoop w = AiperfBenchmark.workload(agg("vllm", "0.12.0", 16, 16));
        assertEquals(16, w.concurrency());
        assertEquals(16L * AiperfBenchmark.MEASURED_ROUNDS, w.requests());
        assertEquals(0, w.warmupRequests(), "the warm-up phase drains before the measured phase starts");
        assertEquals(0, w.cooldownRequests(), "aiperf measures the drain too");
        assertEquals(0.0, w.thinkTimeMs());
        assertTrue(w.sendJitterMs() > 0);
    }
}
