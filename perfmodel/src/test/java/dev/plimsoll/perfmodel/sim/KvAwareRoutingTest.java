package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: on prefix-heavy traffic (system prompts shared within groups, multi-turn sessions whose
 * every turn extends the previous one) Dynamo's KV router keeps a conversation where its KV is, so
 * it finds more of the prompt cached and answers sooner than round robin at the same load.
 */
class KvAwareRoutingTest {
    /** 4 replicas of Llama-3.1-8B on H100, each with KV for 30,000 tokens. */
    private static final EngineConfig ENGINE = Sims.engine(SchedulerProfile.VLLM, 30_000, 64, 8192);

    private static Workload sessions(long seed) {
        // 240 sessions at 2/s, 4-10 turns 1-4 s apart, a 1,024-token system prompt in 8 groups
        return new Workload.Sessions(new MultiTurnSessions(2.0, 240, 4, 10, 1_000, 4_000, 1024, 8, 100, 400, 50, 200,
                MultiTurnSessions.DEFAULT_HASH_BLOCK_TOKENS), seed);
    }

    @Test
    void kvAwareFindsMoreOfThePromptAndAnswersSooner() {
        Workload w = sessions(7);
        SimulationResult rr = Sims.aggregated(ENGINE, LinearStepTime.LLAMA_8B_H100, 4, RouterKind.ROUND_ROBIN, w);
        SimulationResult kv = Sims.aggregated(ENGINE, LinearStepTime.LLAMA_8B_H100, 4, RouterKind.KV_AWARE, w);
        // measured: hit rate 0.75 against 0.47, TTFT p90 112 ms against 178 ms
        assertTrue(kv.prefixHitRate() > rr.prefixHitRate() + 0.15,
                "hit rate: kv-aware " + kv.prefixHitRate() + ", round robin " + rr.prefixHitRate());
        assertTrue(kv.ttft().p90Ms() < 0.85 * rr.ttft().p90Ms(),
                "TTFT p90: kv-aware " + kv.ttft().p90Ms() + " ms, round robin " + rr.ttft().p90Ms() + " ms");
        assertTrue(kv.measuredRequests() == rr.measuredRequests() && kv.requestsPerS() > 0.95 * rr.requestsPerS(),
                "same load: both serve every turn");
    }

    /**
     * The prompt load of a worker counts what it still has to compute: a request routed to the
     * worker caching its prefix adds only its suffix (Dynamo ActiveSequences.new_tokens(isl,
     * overlap)), so a second request of the same group still prefers that worker.
     */
    @Test
    void promptLoadCountsOnlyTheUncachedPart() {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192).withOverlapScheduling(false);
        LinearStepTime model = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);
        // group 1 warms worker 0 (request 0); request 1 (group 2) lands on worker 1; then two more of
        // group 1 arrive together: both must go to worker 0, the second despite the first's load
        java.util.List<dev.plimsoll.perfmodel.workload.TimedRequest> requests = java.util.List.of(
                new dev.plimsoll.perfmodel.workload.TimedRequest(0, shape(1)),
                new dev.plimsoll.perfmodel.workload.TimedRequest(1, shape(2)),
                new dev.plimsoll.perfmodel.workload.TimedRequest(5_000, shape(1)),
                new dev.plimsoll.perfmodel.workload.TimedRequest(5_000, shape(1)));
        SimulationResult r = Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(model), 2,
                RouterKind.KV_AWARE, Workload.of("groups", requests), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(0)));
        // 4096 of 4196 tokens reused by each of the last two requests
        assertTrue(Math.abs(r.prefixHitRate() - 2 * 4096.0 / (4 * 4196)) < 1e-12, "hit rate " + r.prefixHitRate());
    }

    private static dev.plimsoll.perfmodel.workload.RequestShape shape(long group) {
        long[] hashes = new long[8];
        for (int b = 0; b < hashes.length; b++) {
            hashes[b] = group * 100 + b;
        }
        return new dev.plimsoll.perfmodel.workload.RequestShape(8 * 512 + 100, 10, hashes, 512);
    }
}
