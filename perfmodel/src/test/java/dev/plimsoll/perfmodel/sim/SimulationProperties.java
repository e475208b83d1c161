package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants of every run, whatever the engine, limits and load: every request finishes or is
 * refused, every token is accounted for, Little's law holds, latencies are ordered, and (checked
 * inside the simulator) every KV block is back in the pool at the end.
 */
class SimulationProperties {
    private static final LinearStepTime MODEL = new LinearStepTime(4.0, 0.03, 0.02, 0.0001);

    /** Random sizes; a third of the requests start with one of four shared 256-token prefixes. */
    private static RequestShapes shapes() {
        return random -> {
            int input = 1 + random.nextInt(1500);
            int output = 1 + random.nextInt(300);
            if (random.nextInt(3) == 0 && input > 512) {
                long group = random.nextInt(4);
                return new RequestShape(input, output, new long[] {group * 10 + 1, group * 10 + 2}, 256);
            }
            return new RequestShape(input, output);
        };
    }

    private static void checkInvariants(SimulationResult r, long requests) {
        assertEquals(requests, r.requests());
        assertEquals(0, r.unfinishedRequests());
        assertEquals(requests, r.finishedRequests() + r.rejectedRequests());
        assertEquals(r.finishedRequests(), r.measuredRequests());
        assertEquals(0.0, r.littleLaw().relativeError(), 1e-9);
        long laterTokens = 0;
        for (RequestRecord rec : r.requestRecords()) {
            laterTokens += rec.outputTokens() - 1;
            assertTrue(rec.ttftMs() > 0, rec.toString());
            assertTrue(rec.e2eMs() >= rec.ttftMs(), rec.toString());
            assertTrue(Double.isNaN(rec.tpotMs()) == (rec.outputTokens() == 1), rec.toString());
        }
        assertEquals(laterTokens, r.itl().count(), "one inter-token sample per token after the first");
        assertTrue(r.prefixHitRate() >= 0 && r.prefixHitRate() < 1);
        for (PoolStats p : r.pools()) {
            assertTrue(p.gpuUtilisation() >= 0 && p.gpuUtilisation() <= 1, p.toString());
            assertTrue(p.peakKvUsage() <= 1 && p.meanKvUsage() <= p.peakKvUsage() + 1e-12, p.toString());
        }
    }

    @Property(tries = 80)
    void aggregatedRunsKeepTheirBooks(@ForAll SchedulerProfile profile,
                                      @ForAll @IntRange(min = 2_000, max = 40_000) int kvTokens,
                                      @ForAll @IntRange(min = 1, max = 64) int maxRunning,
                                      @ForAll @IntRange(min = 64, max = 8192) int budget,
                                      @ForAll boolean chunked, @ForAll boolean prefixCaching,
                                      @ForAll @IntRange(min = 1, max = 3) int replicas,
                                      @ForAll @IntRange(min = 1, max = 2) int dpRanks,
                                      @ForAll @IntRange(min = 0, max = 3) int drafts,
                                      @ForAll RouterKind router,
                                      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        EngineConfig engine = EngineConfig.of(profile, kvTokens, 131_072, maxRunning, budget, 64)
                .withChunkedPrefill(chunked).withPrefixCaching(prefixCaching).withAttentionDpRanks(dpRanks)
                .withSpeculative(new SpeculativeDecoding(drafts, 0.7, 0.05));
        long requests = 150;
        SimulationResult r = Simulation.run(new SimulationConfig(
                new Deployment.Aggregated(new EnginePool(engine, StepTimeModelFactory.of(MODEL), replicas), router),
                Workload.gamma(30, 1.5, shapes(), requests, seed), SlaSpec.NONE,
                SimulationOptions.DEFAULT.withSeed(seed).withKeepRequests(true)));
        checkInvariants(r, requests);
        if (profile == SchedulerProfile.TRTLLM) {
            assertEquals(0, r.preemptions(), "GUARANTEED_NO_EVICT never preempts");
        }
    }

    @Property(tries = 40)
    void disaggregatedRunsKeepTheirBooks(@ForAll SchedulerProfile profile,
                                         @ForAll @IntRange(min = 4_000, max = 40_000) int decodeKvTokens,
                                         @ForAll @IntRange(min = 1, max = 2) int prefillWorkers,
                                         @ForAll @IntRange(min = 1, max = 3) int decodeWorkers,
                                         @ForAll @IntRange(min = 1, max = 32) int maxRunning,
                                         @ForAll RouterKind prefillRouter, @ForAll RouterKind decodeRouter,
                                         @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        EngineConfig prefill = EngineConfig.of(profile, 20_000, 131_072, 16, 4096, 64);
        EngineConfig decode = EngineConfig.of(profile, decodeKvTokens, 131_072, maxRunning, 4096, 64);
        long requests = 120;
        SimulationResult r = Simulation.run(new SimulationConfig(
                new Deployment.Disaggregated(new EnginePool(prefill, StepTimeModelFactory.of(MODEL), prefillWorkers),
                        new EnginePool(decode, StepTimeModelFactory.of(MODEL), decodeWorkers),
                        new KvTransferLink(25e9, 0.5), prefillRouter, decodeRouter),
                Workload.poisson(25, shapes(), requests, seed), SlaSpec.NONE,
                SimulationOptions.DEFAULT.withSeed(seed).withKeepRequests(true)));
        checkInvariants(r, requests);
        assertTrue(r.kvTransfer().count() <= r.finishedRequests());
    }
}
