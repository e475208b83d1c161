package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.RequestPath;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against results known in closed form. */
class ClosedFormTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    /**
     * One prompt per step (budget = prompt), one output token, Poisson arrivals: the engine is an
     * M/D/1 queue with service time D = step time, so the mean wait is rho D / (2 (1 - rho)) and a
     * share 1 - rho of requests find it idle (Poisson arrivals see time averages).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 0.5})
    void mdOneWaitingTimeAtLightLoad(double rho) {
        int prompt = 1000;
        double serviceMs = MODEL.prefillMs(prompt);
        double ratePerS = rho / serviceMs * 1000.0;
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 1_000_000, 256, prompt).withPrefixCaching(false);
        SimulationResult r = Sims.single(engine, MODEL,
                Workload.poisson(ratePerS, RequestShapes.fixed(prompt, 1), 200_000, 42));

        double expectedWaitMs = rho * serviceMs / (2 * (1 - rho));
        assertEquals(200_000, r.finishedRequests());
        assertEquals(expectedWaitMs + serviceMs, r.ttft().meanMs(), 0.03 * expectedWaitMs + 1e-9,
                "mean TTFT = M/D/1 wait + service");
        System.out.printf("M/D/1 rho=%.1f: mean TTFT %.4f ms, closed form %.4f ms%n", rho, r.ttft().meanMs(),
                expectedWaitMs + serviceMs);
        assertEquals(rho, r.pools().get(0).gpuUtilisation(), 0.01, "utilisation = rho");
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
    }

    @Test
    void shareOfRequestsServedWithoutWaitingIsOneMinusRho() {
        int prompt = 500;
        double serviceMs = MODEL.prefillMs(prompt);
        double rho = 0.4;
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 1_000_000, 256, prompt).withPrefixCaching(false);
        SimulationResult r = Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.poisson(rho / serviceMs * 1000.0, RequestShapes.fixed(prompt, 1),
                        100_000, 7), SlaSpec.of(serviceMs + 1e-6, 1.0)));
        assertEquals(1 - rho, r.slaAttainment(), 0.01, "requests whose TTFT is the bare service time");
    }

    /** One client alone: TTFT is one prefill step, each later token one decode step at its context. */
    @ParameterizedTest
    @EnumSource(SchedulerProfile.class)
    void singleClientLatenciesAreTheStepTimes(SchedulerProfile profile) {
        int isl = 700;
        int osl = 50;
        // overlap scheduling off: TensorRT-LLM's overlap scheduler answers one step late (OverlapSchedulingTest)
        EngineConfig engine = Sims.engine(profile, 100_000, 64, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false);
        SimulationResult r = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(1, RequestShapes.fixed(isl, osl), 20, 0, 0, 0.0, 1L));

        double decodeSum = 0;
        for (int token = 2; token <= osl; token++) {
            decodeSum += MODEL.decodeMs(1, isl + token - 2);
        }
        double ttft = MODEL.prefillMs(isl);
        assertEquals(ttft, r.ttft().meanMs(), 1e-9);
        assertEquals(ttft, r.ttft().p99Ms(), 1e-9);
        assertEquals(decodeSum / (osl - 1), r.tpot().meanMs(), 1e-9);
        assertEquals(ttft + decodeSum, r.e2e().meanMs(), 1e-9);
        assertEquals(1000.0 / (ttft + decodeSum), r.requestsPerS(), 1e-6);
        assertEquals(1.0, r.pools().get(0).gpuUtilisation(), 1e-9, "a lone closed-loop client keeps it busy");
    }

    /**
     * The way to the engine (tokenisation, HTTP) runs inside the client's timers: a lone client sees
     * it added to its TTFT and end-to-end latency, while the engine idles meanwhile.
     */
    @Test
    void theRequestPathIsInsideTheClientsLatencies() {
        int isl = 700;
        int osl = 50;
        RequestPath path = new RequestPath(2.0, 0.0);
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false);
        SimulationResult direct = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(1, RequestShapes.fixed(isl, osl), 20, 0, 0, 0.0, 1L));
        SimulationResult viaPath = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(1, RequestShapes.fixed(isl, osl), 20, 0, 0, 0.0, 1L, path));
        double pathMs = isl * 2.0 / 1000.0;
        assertEquals(direct.ttft().meanMs() + pathMs, viaPath.ttft().meanMs(), 1e-9);
        assertEquals(direct.e2e().meanMs() + pathMs, viaPath.e2e().meanMs(), 1e-9);
        assertEquals(direct.tpot().meanMs(), viaPath.tpot().meanMs(), 1e-9);
        assertEquals(direct.e2e().meanMs() / viaPath.e2e().meanMs(), viaPath.pools().get(0).gpuUtilisation(), 1e-6,
                "the engine waits while the request is on its way");
        assertEquals(1.4, path.delayMs(isl, 0.0), 1e-12);
        assertEquals(1.4 + 5.0, new RequestPath(2.0, 10.0).delayMs(isl, 0.5), 1e-12);
        assertThrows(UserInputException.class, () -> new RequestPath(-1.0, 0.0));
        assertThrows(UserInputException.class, () -> new RequestPath(0.0, Double.NaN));
    }

    /**
     * Open-loop arrivals sent along a request path: each request's TTFT and end-to-end latency grow
     * by its tokenisation, the engine's own figures (TPOT) do not change, and a scatter is drawn
     * per request from the run's seed.
     */
    @Test
    void openLoopArrivalsAlongARequestPathCountItInTheirLatencies() {
        int isl = 700;
        int osl = 50;
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192).withPrefixCaching(false)
                .withOverlapScheduling(false);
        // arrivals 10 s apart: every request finds an idle engine
        java.util.List<dev.plimsoll.perfmodel.workload.TimedRequest> list = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(new dev.plimsoll.perfmodel.workload.TimedRequest(i * 10_000.0,
                    new dev.plimsoll.perfmodel.workload.RequestShape(isl, osl)));
        }
        Workload.OpenLoop open = Workload.of("spaced", list);
        SimulationResult direct = Sims.single(engine, MODEL, open);
        SimulationResult viaPath = Sims.single(engine, MODEL, open.withPath(new RequestPath(2.0, 0.0)));
        assertEquals(direct.ttft().meanMs() + isl * 2.0 / 1000.0, viaPath.ttft().meanMs(), 1e-9);
        assertEquals(direct.e2e().maxMs() + isl * 2.0 / 1000.0, viaPath.e2e().maxMs(), 1e-9);
        assertEquals(direct.tpot().meanMs(), viaPath.tpot().meanMs(), 1e-9);
        SimulationResult scattered = Sims.single(engine, MODEL, open.withPath(new RequestPath(0.0, 10.0)));
        double extra = scattered.ttft().meanMs() - direct.ttft().meanMs();
        assertTrue(extra > 0 && extra < 10.0, "a uniform scatter over [0, 10 ms) adds between 0 and 10 ms: " + extra);
        assertTrue(scattered.ttft().maxMs() - scattered.ttft().p50Ms() > 0.1, "each request draws its own scatter");
    }

    /** A closed loop keeps exactly `concurrency` requests in the system: L = N by Little's law. */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 64})
    void closedLoopHoldsItsConcurrency(int concurrency) {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 1_000_000, 256, 8192);
        SimulationResult r = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(concurrency, RequestShapes.fixed(300, 40), concurrency * 50L, 0, 0, 0.0, 1L));
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
        assertEquals(concurrency, r.littleLaw().meanInSystem(), 0.02 * concurrency);
    }

    /** Without chunking a prompt runs in one step; with chunking it takes ceil(prompt / budget) steps. */
    @Test
    void chunkedPrefillSplitsALongPromptIntoBudgetSizedSteps() {
        int prompt = 10_000;
        int budget = 4096;
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 64, budget).withPrefixCaching(false);
        SimulationResult r = Sims.single(engine, MODEL,
                new Workload.ClosedLoop(1, RequestShapes.fixed(prompt, 1), 1, 0, 0, 0.0, 1L));
        double expected = 3 * MODEL.fixedMs() + MODEL.perPrefillTokenMs() * prompt;
        assertEquals(expected, r.ttft().meanMs(), 1e-9);
        assertTrue(r.pools().get(0).steps() == 3);
    }
}
