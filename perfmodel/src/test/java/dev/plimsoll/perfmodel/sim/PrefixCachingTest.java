package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.SharedPrefixShapes;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixCachingTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    private static RequestShape withPrefix(long group, int prefixBlocks, int suffix) {
        long[] hashes = new long[prefixBlocks];
        for (int b = 0; b < prefixBlocks; b++) {
            hashes[b] = group * 1000 + b;
        }
        return new RequestShape(prefixBlocks * 512 + suffix, 5, hashes, 512);
    }

    private static SimulationResult run(EngineConfig engine, List<TimedRequest> requests) {
        return Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.of("prefix test", requests), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withKeepRequests(true)));
    }

    /** The second request finds the first one's 2048-token prefix and computes only its 100-token suffix. */
    @ParameterizedTest
    @EnumSource(SchedulerProfile.class)
    void secondRequestSkipsTheCachedPrefix(SchedulerProfile profile) {
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1, 4, 100)),
                new TimedRequest(10_000, withPrefix(1, 4, 100)));
        SimulationResult r = run(Sims.engine(profile, 100_000, 16, 8192).withOverlapScheduling(false), requests);

        assertEquals(2048.0 / (2 * 2148), r.prefixHitRate(), 1e-12);
        assertEquals(MODEL.prefillMs(2148), r.requestRecords().get(0).ttftMs(), 1e-9);
        assertEquals(MODEL.prefillMs(100), r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    @Test
    void cachingOffRecomputesEverything() {
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1, 4, 100)),
                new TimedRequest(10_000, withPrefix(1, 4, 100)));
        SimulationResult r = run(Sims.engine(SchedulerProfile.VLLM, 100_000, 16, 8192).withPrefixCaching(false),
                requests);
        assertEquals(0.0, r.prefixHitRate());
        assertEquals(MODEL.prefillMs(2148), r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    /** A whole prompt in the cache still computes its last token (an engine needs its logits). */
    @Test
    void fullHitStillComputesTheLastToken() {
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1, 4, 0)),
                new TimedRequest(10_000, withPrefix(1, 4, 0)));
        SimulationResult r = run(Sims.engine(SchedulerProfile.VLLM, 100_000, 16, 8192), requests);
        // 2047 of 2048 tokens could be reused, but only whole 512-token blocks count: 3 blocks
        assertEquals(1536.0 / (2 * 2048), r.prefixHitRate(), 1e-12);
        assertEquals(MODEL.prefillMs(512), r.requestRecords().get(1).ttftMs(), 1e-9);
    }

    /**
     * With room for one prefix and a bit, eviction takes the least recently used blocks, a prefix's
     * tail before its head: A A B B A A keeps hitting, A B A B A B only ever finds the head block
     * the last request left behind.
     */
    @Test
    void evictionIsLeastRecentlyUsedTailFirst() {
        // 3000 tokens = 187 blocks of 16: one 2048-token prefix (128 blocks) and a running suffix, not two prefixes
        EngineConfig small = Sims.engine(SchedulerProfile.VLLM, 3000, 16, 8192);
        List<TimedRequest> grouped = new ArrayList<>();
        List<TimedRequest> alternating = new ArrayList<>();
        long[] groupedOrder = {1, 1, 2, 2, 1, 1};
        long[] alternatingOrder = {1, 2, 1, 2, 1, 2};
        for (int i = 0; i < 6; i++) {
            grouped.add(new TimedRequest(i * 10_000.0, withPrefix(groupedOrder[i], 4, 100)));
            alternating.add(new TimedRequest(i * 10_000.0, withPrefix(alternatingOrder[i], 4, 100)));
        }
        // grouped: second A, second B and last A hit all 2048 tokens; the fifth (A) finds A's head block
        assertEquals((3 * 2048.0 + 512) / (6 * 2148), run(small, grouped).prefixHitRate(), 1e-12);
        // alternating: every request from the third on finds only its group's head block
        assertEquals(4 * 512.0 / (6 * 2148), run(small, alternating).prefixHitRate(), 1e-12);
    }

    /**
     * Routing on KV overlap keeps each prefix group on the replica that caches it; round robin
     * spreads every group over every replica, whose small caches then thrash.
     */
    @Test
    void kvAwareRoutingRaisesTheHitRate() {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 16_384, 16, 8192);
        Workload w = Workload.poisson(4, new SharedPrefixShapes(8, 4096, 200, 20, 512), 2000, 11);
        SimulationResult rr = Sims.aggregated(engine, MODEL, 4, RouterKind.ROUND_ROBIN, w);
        SimulationResult kv = Sims.aggregated(engine, MODEL, 4, RouterKind.KV_AWARE, w);
        assertTrue(kv.prefixHitRate() > rr.prefixHitRate() + 0.2,
                "kv-aware " + kv.prefixHitRate() + " vs round robin " + rr.prefixHitRate());
        assertTrue(kv.ttft().meanMs() < rr.ttft().meanMs());
    }
}
