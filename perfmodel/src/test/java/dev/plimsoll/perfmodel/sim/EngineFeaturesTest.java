package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speculative decoding, CUDA-graph limits, attention data parallelism, routing. */
class EngineFeaturesTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    private static SimulationResult closedLoop(EngineConfig engine, StepTimeModelFactory factory, int concurrency,
                                               int isl, int osl, long requests) {
        return Simulation.run(SimulationConfig.aggregated(engine, factory, 1, RouterKind.ROUND_ROBIN,
                new Workload.ClosedLoop(concurrency, RequestShapes.fixed(isl, osl), requests, 0, 0, 0.0, 1L),
                SlaSpec.NONE));
    }

    @Test
    void speculationWithFullAcceptanceYieldsDraftPlusOneTokensPerStep() {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 8, 8192)
                .withSpeculative(new SpeculativeDecoding(3, 1.0, 0.0));
        SimulationResult r = closedLoop(engine, StepTimeModelFactory.of(MODEL), 1, 100, 41, 1);
        assertEquals(4.0, r.meanTokensPerStep(), 1e-12);
        assertEquals(1 + 10, r.pools().get(0).steps(), "one prefill step, then 40 tokens in steps of 4");
        // each verification step runs 4 tokens against the context (100, 104, ... 136 tokens)
        double e2e = MODEL.prefillMs(100);
        for (int s = 0; s < 10; s++) {
            e2e += MODEL.decodeMs(4, 100 + 4L * s);
        }
        assertEquals(e2e, r.e2e().meanMs(), 1e-9);
    }

    @Test
    void speculationYieldsTheExpectedTokensPerStepAndPaysForDrafting() {
        SpeculativeDecoding spec = new SpeculativeDecoding(4, 0.6, 0.1);
        EngineConfig plain = Sims.engine(SchedulerProfile.SGLANG, 1_000_000, 64, 8192);
        SimulationResult off = closedLoop(plain, StepTimeModelFactory.of(MODEL), 4, 200, 2000, 40);
        SimulationResult on = closedLoop(plain.withSpeculative(spec), StepTimeModelFactory.of(MODEL), 4, 200, 2000, 40);

        assertEquals(1.0, off.meanTokensPerStep(), 1e-12);
        assertEquals(spec.meanTokensPerStep(), on.meanTokensPerStep(), 0.02 * spec.meanTokensPerStep());
        // a step verifies 5 tokens per request and drafts 4 times at 10 % of a decode step: about 1.8x the
        // plain step for 2.3 tokens
        assertTrue(on.tpot().meanMs() < off.tpot().meanMs() / 1.2, on.tpot() + " vs " + off.tpot());
    }

    @Test
    void speculationOffIsOneTokenPerStepAndZeroAcceptanceAddsOnlyCost() {
        EngineConfig engine = Sims.engine(SchedulerProfile.TRTLLM, 100_000, 8, 8192)
                .withSpeculative(new SpeculativeDecoding(2, 0.0, 0.2));
        SimulationResult r = closedLoop(engine, StepTimeModelFactory.of(MODEL), 1, 100, 21, 1);
        assertEquals(1.0, r.meanTokensPerStep(), 1e-12);
        double e2e = MODEL.prefillMs(100);
        for (int token = 2; token <= 21; token++) {
            long context = 100 + token - 2;
            int drafts = Math.min(2, 21 - token);
            e2e += MODEL.decodeMs(1 + drafts, context) + (drafts > 0 ? 2 * 0.2 * MODEL.decodeMs(1, context) : 0);
        }
        assertEquals(e2e, r.e2e().meanMs(), 1e-9);
    }

    /**
     * The engine's CUDA-graph limit reaches the step-time model through the factory: decode
     * batches above it run eagerly (here 3 ms dearer), so 16 clients slow down at limit 8 and not
     * at limit 32.
     */
    @Test
    void cudaGraphLimitReachesTheStepModel() {
        StepTimeModelFactory factory = engine -> {
            int limit = engine.cudaGraphMaxBatch();
            StepTimeModel eagerAware = b -> MODEL.stepMs(b)
                    + (b.prefillRequests() == 0 && b.decodeRequests() > limit ? 3.0 : 0.0);
            return eagerAware;
        };
        EngineConfig engine = Sims.engine(SchedulerProfile.SGLANG, 1_000_000, 64, 8192);
        SimulationResult graphed = closedLoop(engine.withCudaGraphMaxBatch(32), factory, 16, 100, 200, 64);
        SimulationResult eager = closedLoop(engine.withCudaGraphMaxBatch(8), factory, 16, 100, 200, 64);
        assertEquals(3.0, eager.itl().p50Ms() - graphed.itl().p50Ms(), 0.01);
    }

    /**
     * Attention DP: two ranks each decode their own request, the step taking as long as one
     * request's batch; one rank would batch both.
     */
    @Test
    void attentionDpRanksStepTogetherWithTheirOwnBatches() {
        EngineConfig single = Sims.engine(SchedulerProfile.SGLANG, 100_000, 8, 8192);
        Workload two = Workload.of("two", List.of(new TimedRequest(0, new RequestShape(100, 11)),
                new TimedRequest(0, new RequestShape(100, 11))));
        SimulationResult dp1 = Sims.single(single, MODEL, two);
        SimulationResult dp2 = Sims.single(single.withAttentionDpRanks(2), MODEL, two);

        double tpot1 = 0;
        double tpot2 = 0;
        for (int token = 2; token <= 11; token++) {
            tpot1 += MODEL.decodeMs(2, 100 + token - 2);
            tpot2 += MODEL.decodeMs(1, 100 + token - 2);
        }
        assertEquals(tpot1 / 10, dp1.tpot().meanMs(), 1e-9);
        assertEquals(tpot2 / 10, dp2.tpot().meanMs(), 1e-9);
        assertEquals(MODEL.prefillMs(100), dp2.ttft().meanMs(), 1e-9, "each rank prefills its own prompt");
    }

    /**
     * Two replicas; a long request, a one-token request, then another long one once the short one
     * is done. Round robin stacks both long requests on the first replica; least-loaded sends the
     * second to the idle replica, so neither shares its decode steps.
     */
    @Test
    void leastLoadedAvoidsTheBusyReplica() {
        LinearStepTime model = new LinearStepTime(5.0, 0.01, 1.0, 0.0);
        Workload w = Workload.of("long short long", List.of(new TimedRequest(0, new RequestShape(100, 500)),
                new TimedRequest(0, new RequestShape(100, 1)),
                new TimedRequest(100, new RequestShape(100, 500))));
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 8, 8192);
        SimulationResult rr = Sims.aggregated(engine, model, 2, RouterKind.ROUND_ROBIN, w);
        SimulationResult ll = Sims.aggregated(engine, model, 2, RouterKind.LEAST_LOADED, w);
        assertEquals(6.0, ll.tpot().maxMs(), 1e-9, "alone: 5 ms + 1 ms per decode");
        assertTrue(rr.tpot().maxMs() > 6.9, "shared steps of two decodes: 7 ms");
    }
}
