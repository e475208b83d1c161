package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The differences between the engines' schedulers, each visible in the results. */
class SchedulerProfileTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    /** A decoding request, then a 16k-token prompt arrives while it decodes. */
    private static Workload longPromptDuringDecode() {
        return Workload.of("decode then long prompt", List.of(
                new TimedRequest(0, new RequestShape(100, 300)),
                new TimedRequest(200, new RequestShape(16_384, 2))));
    }

    @Test
    void vllmKeepsDecodingWhileItChunksAPromptAndSglangPausesDecodes() {
        EngineConfig vllm = Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192);
        EngineConfig sglang = Sims.engine(SchedulerProfile.SGLANG, 100_000, 64, 8192);
        SimulationResult v = Sims.single(vllm, MODEL, longPromptDuringDecode());
        SimulationResult s = Sims.single(sglang, MODEL, longPromptDuringDecode());

        // vLLM: the decode rides along every chunk step (1 + 8191 tokens), so its worst gap is one mixed step
        double mixedStep = 5.0 + 0.05 * 8191 + 0.01 + 0.0001 * 200;
        assertEquals(mixedStep, v.itl().maxMs(), 0.5);
        // SGLang: two prefill-only steps of 8192 tokens, then the decode step (which the new request joins)
        double pausedAtLeast = 2 * MODEL.prefillMs(8192) + MODEL.decodeMs(1, 100);
        double pausedAtMost = 2 * MODEL.prefillMs(8192) + MODEL.decodeMs(2, 16_384);
        assertTrue(s.itl().maxMs() >= pausedAtLeast && s.itl().maxMs() <= pausedAtMost, "paused gap " + s.itl());
        assertTrue(s.itl().maxMs() > 1.9 * v.itl().maxMs());
    }

    /** Tight KV: vLLM admits everything and preempts, TensorRT-LLM reserves whole lengths and never does. */
    @Test
    void guaranteedNoEvictNeverPreemptsWhereVllmDoes() {
        Workload clients = new Workload.ClosedLoop(8, RequestShapes.fixed(400, 400), 64, 0, 0, 0.0, 1L);
        SimulationResult v = Sims.single(Sims.engine(SchedulerProfile.VLLM, 4000, 64, 8192)
                .withPrefixCaching(false), MODEL, clients);
        SimulationResult t = Simulation.run(SimulationConfig.aggregated(Sims.engine(SchedulerProfile.TRTLLM, 4000, 64,
                        8192).withPrefixCaching(false), StepTimeModelFactory.of(MODEL), 1, RouterKind.ROUND_ROBIN,
                clients, SlaSpec.NONE).withOptions(SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(10)));

        assertTrue(v.preemptions() > 0, "vLLM runs out of blocks and recomputes");
        assertEquals(0, t.preemptions());
        assertEquals(64, v.finishedRequests());
        assertEquals(64, t.finishedRequests());
        // 4000 tokens / 32-token blocks = 125 blocks; a request reserves ceil(800 / 32) = 25: five at a time
        int maxRunning = t.timeSeries().stream().mapToInt(TimeSeriesSample::runningRequests).max().orElseThrow();
        assertEquals(5, maxRunning);
    }

    @Test
    void sglangRetractsWhenItsEstimateWasTooOptimistic() {
        Workload clients = new Workload.ClosedLoop(16, RequestShapes.fixed(200, 600), 96, 0, 0, 0.0, 1L);
        SimulationResult s = Sims.single(Sims.engine(SchedulerProfile.SGLANG, 6000, 64, 8192)
                .withPrefixCaching(false), MODEL, clients);
        assertEquals(96, s.finishedRequests());
        assertTrue(s.preemptions() > 0, "the 0.7 new-token ratio lets in more than fits; decode retracts");
    }

    /** Every profile finishes every request of a heavy, KV-starved load with conserved tokens. */
    @ParameterizedTest
    @EnumSource(SchedulerProfile.class)
    void everyRequestFinishesUnderKvPressure(SchedulerProfile profile) {
        Workload load = Workload.poisson(50, RequestShapes.fixed(300, 200), 400, 3);
        SimulationResult r = Sims.single(Sims.engine(profile, 3000, 32, 1024), MODEL, load);
        assertEquals(400, r.finishedRequests());
        assertEquals(0, r.unfinishedRequests());
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
        assertEquals(400 * 199, r.itl().count(), "one inter-token sample per token after the first");
    }

    /** A request longer than the whole KV pool is refused, and the run goes on. */
    @Test
    void requestLongerThanTheKvPoolIsRejected() {
        Workload w = Workload.of("one too long", List.of(
                new TimedRequest(0, new RequestShape(5000, 10)),
                new TimedRequest(1, new RequestShape(100, 10))));
        SimulationResult r = Sims.single(Sims.engine(SchedulerProfile.VLLM, 4096, 8, 8192), MODEL, w);
        assertEquals(1, r.rejectedRequests());
        assertEquals(1, r.finishedRequests());
    }

    /** SGLang's chunked prompt continues before anything new is admitted. */
    @Test
    void sglangFinishesItsChunkedPromptBeforeAdmittingTheNextRequest() {
        Workload w = Workload.of("two prompts", List.of(
                new TimedRequest(0, new RequestShape(10_000, 1)),
                new TimedRequest(0, new RequestShape(50, 1))));
        EngineConfig sglang = Sims.engine(SchedulerProfile.SGLANG, 100_000, 64, 4096).withPrefixCaching(false);
        SimulationResult r = Simulation.run(SimulationConfig.aggregated(sglang, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, w, SlaSpec.NONE).withOptions(SimulationOptions.DEFAULT.withKeepRequests(true)));
        // chunks of 4096, 4096, then 1808 + the 50-token prompt together in the third step
        double third = 5.0 + 0.05 * 1858; // two requests of 929 tokens on average
        double expectedTtft = MODEL.prefillMs(4096) * 2 + third;
        RequestRecord small = r.requestRecords().get(1);
        assertEquals(expectedTtft, small.ttftMs(), 1e-9);
        assertEquals(expectedTtft, r.requestRecords().get(0).ttftMs(), 1e-9);
    }
}
