package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.Efficiency;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisaggregatedTest {
    private static final LinearStepTime PREFILL = new LinearStepTime(8.0, 0.04, 0.0, 0.0);
    private static final LinearStepTime DECODE = new LinearStepTime(4.0, 0.0, 0.02, 0.0002);
    private static final long KV_BYTES_PER_TOKEN = 131_072;
    /** 10 GB/s and 1 ms per transfer. */
    private static final KvTransferLink LINK = new KvTransferLink(10e9, 1.0);

    private static SimulationConfig disagg(SchedulerProfile profile, int prefillWorkers, long decodeKvTokens,
                                           int decodeWorkers, Workload workload) {
        EngineConfig prefill = EngineConfig.of(profile, 200_000, KV_BYTES_PER_TOKEN, 64, 8192, 512);
        EngineConfig decode = EngineConfig.of(profile, decodeKvTokens, KV_BYTES_PER_TOKEN, 64, 8192, 512);
        Deployment d = new Deployment.Disaggregated(
                new EnginePool(prefill, StepTimeModelFactory.of(PREFILL), prefillWorkers),
                new EnginePool(decode, StepTimeModelFactory.of(DECODE), decodeWorkers), LINK,
                RouterKind.ROUND_ROBIN, RouterKind.LEAST_LOADED);
        return new SimulationConfig(d, workload, SlaSpec.NONE, SimulationOptions.DEFAULT.withKeepRequests(true));
    }

    /** TTFT = prefill step + KV bytes / bandwidth + latency; later tokens come from the decode pool's steps. */
    @ParameterizedTest
    @EnumSource(SchedulerProfile.class)
    void loneRequestPaysPrefillTransferThenDecodeSteps(SchedulerProfile profile) {
        int isl = 1000;
        int osl = 10;
        SimulationResult r = Simulation.run(disagg(profile, 1, 200_000, 1,
                Workload.of("one", List.of(new TimedRequest(0, new RequestShape(isl, osl))))));

        double transferMs = 1.0 + isl * KV_BYTES_PER_TOKEN / 10e9 * 1000.0;
        double ttft = PREFILL.prefillMs(isl) + transferMs;
        double decode = 0;
        for (int token = 2; token <= osl; token++) {
            decode += DECODE.decodeMs(1, isl + token - 2);
        }
        assertEquals("1p1d", r.deployment());
        assertEquals(transferMs, r.kvTransfer().meanMs(), 1e-9);
        assertEquals(0.0, r.decodeQueue().meanMs(), 1e-9);
        assertEquals(ttft, r.ttft().meanMs(), 1e-9);
        assertEquals(ttft + decode, r.e2e().meanMs(), 1e-9);
        assertEquals(2, r.pools().size());
        assertEquals(1, r.pools().get(0).steps(), "the prefill worker runs one step");
        assertEquals(osl - 1, r.pools().get(1).steps(), "the decode worker one step per later token");
    }

    /**
     * KV that lands while the decode worker is mid-step: the prefill worker's token reaches the client when
     * the worker next schedules the request, at the end of the step in flight (TensorRT-LLM's
     * _handle_first_token_response on the scheduled batch, SGLang's prebuilt batch streamed at admission).
     */
    @Test
    void aFirstTokenLeavesTheDecodeWorkerAtTheStepThatFirstRunsItsRequest() {
        int isl = 1000;
        Workload w = Workload.of("two", List.of(new TimedRequest(0, new RequestShape(isl, 200)),
                new TimedRequest(10, new RequestShape(isl, 10))));
        SimulationResult r = Simulation.run(disagg(SchedulerProfile.VLLM, 1, 200_000, 1, w));

        double transferMs = 1.0 + isl * KV_BYTES_PER_TOKEN / 10e9 * 1000.0;
        double firstLands = PREFILL.prefillMs(isl) + transferMs;
        // the second prompt waits for the first on the one prefill worker, then its KV moves
        double secondLands = 2 * PREFILL.prefillMs(isl) + transferMs;
        // the first request decodes alone from the moment its KV lands; the second joins at a step boundary
        double boundary = firstLands;
        for (int token = 2; boundary < secondLands; token++) {
            boundary += DECODE.decodeMs(1, isl + token - 2);
        }
        assertTrue(boundary > secondLands + 1e-6, "the KV lands mid-step");
        RequestRecord first = r.requestRecords().stream().filter(q -> q.arrivalMs() == 0).findFirst().orElseThrow();
        RequestRecord second = r.requestRecords().stream().filter(q -> q.arrivalMs() == 10).findFirst().orElseThrow();
        assertEquals(boundary - 10, second.ttftMs(), 1e-6);
        assertEquals(firstLands, first.ttftMs(), 1e-9, "an idle worker runs it at once");
    }

    /**
     * A decode worker with KV for one request at a time: the second request's KV waits on the
     * prefill worker until the first request finishes decoding and frees its blocks.
     */
    @Test
    void decodeAdmissionWaitsForFreeBlocks() {
        int isl = 1000;
        int osl = 10;
        Workload w = Workload.of("two", List.of(new TimedRequest(0, new RequestShape(isl, osl)),
                new TimedRequest(0, new RequestShape(isl, osl))));
        SimulationResult r = Simulation.run(disagg(SchedulerProfile.VLLM, 1, 1100, 1, w));

        RequestRecord first = r.requestRecords().get(0);
        RequestRecord second = r.requestRecords().get(1);
        double transferMs = 1.0 + isl * KV_BYTES_PER_TOKEN / 10e9 * 1000.0;
        assertTrue(r.decodeQueue().maxMs() > 0);
        assertEquals(first.e2eMs() + transferMs, second.ttftMs(), 1e-9,
                "the second transfer starts when the first request leaves the decode worker");
    }

    /** One output token: the prefill worker's token is the whole answer, nothing moves. */
    @Test
    void singleTokenRequestsNeverReachTheDecodePool() {
        SimulationResult r = Simulation.run(disagg(SchedulerProfile.SGLANG, 2, 100_000, 1,
                Workload.poisson(5, RequestShapes.fixed(500, 1), 50, 5)));
        assertEquals(50, r.finishedRequests());
        assertEquals(0, r.pools().get(1).steps());
        assertEquals(0, r.kvTransfer().count());
    }

    @Test
    void linkFromAGpuSpecUsesNvlinkInsideTheDomainAndTheNetworkAcross() {
        GpuSpec h100 = new GpuSpec("h100-sxm", "H100 SXM", "nvidia", Map.of(ComputeDtype.BF16, 989e12), 80_000_000_000L,
                3.35e12, 450e9, 8, 50e9, 8, 15.6, 10.0, 4.0, new Efficiency(0.8, 0.8, 0.6, 0.8), "test");
        KvTransferLink nvlink = KvTransferLink.between(h100, 2, true);
        KvTransferLink rdma = KvTransferLink.between(h100, 2, false);
        assertEquals(900e9, nvlink.bandwidthBytesPerS());
        assertEquals(0.0156, nvlink.latencyMs(), 1e-12);
        assertEquals(100e9, rdma.bandwidthBytesPerS());
        // 1000 tokens x 128 KiB = 131 MB: 1.31 ms over the network, 0.15 ms over NVLink
        assertEquals(0.01 + 131_072_000 / 100e9 * 1000, rdma.transferMs(131_072_000), 1e-12);
        assertTrue(nvlink.transferMs(131_072_000) < rdma.transferMs(131_072_000) / 8);
    }

    /** xPyD under load: every request finishes, Little's law holds, both pools work. */
    @ParameterizedTest
    @EnumSource(SchedulerProfile.class)
    void manyWorkersUnderLoad(SchedulerProfile profile) {
        SimulationResult r = Simulation.run(disagg(profile, 2, 20_000, 3,
                Workload.gamma(20, 2.0, RequestShapes.fixed(800, 120), 1000, 9)));
        assertEquals(1000, r.finishedRequests());
        assertEquals("2p3d", r.deployment());
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
        assertTrue(r.pools().get(0).gpuUtilisation() > 0 && r.pools().get(1).gpuUtilisation() > 0);
        assertEquals(1000, r.kvTransfer().count());
    }
}
