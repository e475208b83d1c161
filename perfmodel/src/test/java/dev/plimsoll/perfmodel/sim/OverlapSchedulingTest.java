package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overlap scheduling: the step after the running one is built before the running one ends, so a
 * request that arrives mid-step misses it; TensorRT-LLM also answers a step's tokens only after the
 * next step has run.
 */
class OverlapSchedulingTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    private static SimulationResult run(EngineConfig engine, List<TimedRequest> requests) {
        return Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.of("overlap test", requests), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withKeepRequests(true).withTimeSeriesIntervalMs(0)));
    }

    /** Request A (1000-token prompt) runs alone; B arrives 1 ms into A's prefill step. */
    private static List<TimedRequest> secondArrivesMidStep() {
        return List.of(new TimedRequest(0, new RequestShape(1000, 3)), new TimedRequest(1, new RequestShape(200, 3)));
    }

    @Test
    void withoutOverlapAMidStepArrivalRunsInTheNextStep() {
        SimulationResult r = run(Sims.engine(SchedulerProfile.VLLM, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false), secondArrivesMidStep());
        double prefillA = MODEL.prefillMs(1000);
        // step 2 holds B's prompt and A's first decode
        double step2 = MODEL.fixedMs() + 0.05 * 200 + 0.01 + 0.0001 * 1000;
        assertEquals(prefillA, r.requestRecords().get(0).ttftMs(), 1e-9);
        assertEquals(prefillA + step2 - 1, r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    @Test
    void withOverlapAMidStepArrivalSkipsTheStepAlreadyBuilt() {
        SimulationResult r = run(Sims.engine(SchedulerProfile.VLLM, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(true), secondArrivesMidStep());
        double prefillA = MODEL.prefillMs(1000);
        double decodeA = MODEL.decodeMs(1, 1000);
        // step 2 was built while A's prefill ran: A's decode only; B's prompt joins step 3
        double step3 = MODEL.fixedMs() + 0.05 * 200 + 0.01 + 0.0001 * 1001;
        assertEquals(prefillA, r.requestRecords().get(0).ttftMs(), 1e-9, "vLLM answers at the end of the step");
        assertEquals(prefillA + decodeA + step3 - 1, r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    @Test
    void aRequestQueuedAsAStepStartsAlsoMissesTheStepBuiltDuringIt() {
        // B reaches the engine at the instant A's first decode step starts (a closed-loop client's
        // answer to a token does the same): the loop had already read its queue for that step, and
        // the next step was built while that one ran, so B's prompt joins the step after.
        double prefillA = MODEL.prefillMs(1000);
        List<TimedRequest> atStepStart = List.of(new TimedRequest(0, new RequestShape(1000, 10)),
                new TimedRequest(prefillA, new RequestShape(200, 3)));
        SimulationResult r = run(Sims.engine(SchedulerProfile.VLLM, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(true), atStepStart);
        double decode1 = MODEL.decodeMs(1, 1000);
        double decode2 = MODEL.decodeMs(1, 1001);
        double withB = MODEL.fixedMs() + 0.05 * 200 + 0.01 + 0.0001 * 1002;
        assertEquals(decode1 + decode2 + withB, r.requestRecords().stream().filter(q -> q.id() == 1).findFirst()
                .orElseThrow().ttftMs(), 1e-9);
    }

    @Test
    void anIdleEngineTakesAnArrivalAtOnce() {
        List<TimedRequest> apart = List.of(new TimedRequest(0, new RequestShape(300, 2)),
                new TimedRequest(10_000, new RequestShape(300, 2)));
        SimulationResult r = run(Sims.engine(SchedulerProfile.SGLANG, 100_000, 16, 8192).withPrefixCaching(false)
                .withOverlapScheduling(true), apart);
        assertEquals(MODEL.prefillMs(300), r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    @Test
    void tensorRtLlmAnswersEachStepAfterTheNextOne() {
        int isl = 700;
        int osl = 50;
        EngineConfig engine = Sims.engine(SchedulerProfile.TRTLLM, 100_000, 64, 8192).withPrefixCaching(false)
                .withOverlapScheduling(true);
        SimulationResult r = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(1, RequestShapes.fixed(isl, osl), 20, 0, 0, 0.0, 1L));
        double prefill = MODEL.prefillMs(isl);
        double firstDecode = MODEL.decodeMs(1, isl);
        // the first token leaves once the first decode step has run behind the prefill
        assertEquals(prefill + firstDecode, r.ttft().meanMs(), 1e-9);
        // the last token leaves when the engine goes idle: no step follows it, so it is not delayed
        double decodeSum = 0;
        for (int token = 2; token <= osl; token++) {
            decodeSum += MODEL.decodeMs(1, isl + token - 2);
        }
        assertEquals(prefill + decodeSum, r.e2e().meanMs(), 1e-9);
        assertTrue(r.tpot().meanMs() < decodeSum / (osl - 1), "the lag is paid once, in TTFT");
    }

    @Test
    void enginesSayWhetherTheyOverlapByDefault() {
        assertTrue(SchedulerProfile.TRTLLM.defaultOverlapScheduling());
        assertTrue(SchedulerProfile.SGLANG.defaultOverlapScheduling());
        assertTrue(SchedulerProfile.VLLM.defaultOverlapScheduling());
    }
}
