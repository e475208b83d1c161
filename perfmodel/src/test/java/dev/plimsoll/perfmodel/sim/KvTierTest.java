package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.sim.kvtier.KvTierKind;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierSpec;
import dev.plimsoll.perfmodel.sim.kvtier.KvTierStats;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;
import dev.plimsoll.perfmodel.workload.MultiTurnSessions;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KV tiers below GPU memory: onboarding cost, write policies, hit rates per tier. */
class KvTierTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);
    private static final double HOST_BYTES_PER_S = 50e9;
    private static final double HOST_LATENCY_MS = 0.01;
    /** Sims.engine's KV bytes per token. */
    private static final double BYTES_PER_TOKEN = 131_072;

    private static KvTiers host(WritePolicy policy) {
        return new KvTiers(List.of(new KvTierSpec(KvTierKind.HOST, 100_000_000_000L, HOST_BYTES_PER_S,
                HOST_BYTES_PER_S, HOST_LATENCY_MS, "test")), policy);
    }

    private static RequestShape withPrefix(long group) {
        long[] hashes = new long[4];
        for (int b = 0; b < hashes.length; b++) {
            hashes[b] = group * 1000 + b;
        }
        return new RequestShape(4 * 512 + 100, 5, hashes, 512);
    }

    private static SimulationResult run(EngineConfig engine, List<TimedRequest> requests) {
        return Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.of("tier test", requests), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withKeepRequests(true).withTimeSeriesIntervalMs(0)));
    }

    /**
     * The closed form: a GPU cache that holds one 2,148-token prompt; A computes group 1, B (group 2)
     * evicts it from the GPU, C (group 1 again) finds all four of its prefix blocks in host memory.
     * C's TTFT is the transfer of those 2,048 tokens plus the prefill of the other 100.
     */
    @ParameterizedTest
    @EnumSource(value = WritePolicy.class, names = {"WRITE_THROUGH", "WRITE_BACK"})
    void wholePrefixOnboardsFromHost(WritePolicy policy) {
        EngineConfig gpuOnly = Sims.engine(SchedulerProfile.VLLM, 140 * 16, 16, 8192).withOverlapScheduling(false);
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1)),
                new TimedRequest(10_000, withPrefix(2)), new TimedRequest(20_000, withPrefix(1)));

        SimulationResult tiered = run(gpuOnly.withKvTiers(host(policy)), requests);
        double transferMs = HOST_LATENCY_MS + 2048 * BYTES_PER_TOKEN / HOST_BYTES_PER_S * 1000.0;
        assertEquals(transferMs + MODEL.prefillMs(100), tiered.requestRecords().get(2).ttftMs(), 1e-9);
        // GPU only: C computes its whole prompt again
        SimulationResult alone = run(gpuOnly, requests);
        assertEquals(MODEL.prefillMs(2148), alone.requestRecords().get(2).ttftMs(), 1e-9);

        KvTierStats gpu = tiered.kvTiers().get(0);
        KvTierStats host = tiered.kvTiers().get(1);
        assertEquals("gpu", gpu.tier());
        assertEquals(0, gpu.hitTokens());
        assertEquals("host", host.tier());
        assertEquals(2048, host.hitTokens());
        assertEquals(2048.0 / (3 * 2148), host.hitRate(), 1e-12);
        assertEquals(2048 * BYTES_PER_TOKEN, host.readBytes(), 1e-3);
        // A's and B's prefixes reach host memory: as computed (write-through) or as evicted (write-back)
        assertEquals(2 * 2048 * BYTES_PER_TOKEN, host.writtenBytes(), 1e-3);
        assertEquals(tiered.prefixHitRate(), gpu.hitRate() + host.hitRate(), 1e-12);
    }

    /**
     * Prefix caching off with a host tier (the vLLM team's offloading measurement: GPU prefix caching
     * disabled, CPU offloading on): the GPU has room for both prompts but keeps neither past its
     * request, so B, the same prompt again, reads its prefix from host memory: the closed form
     * again. Without the tier B computes everything.
     */
    @ParameterizedTest
    @EnumSource(value = WritePolicy.class, names = {"WRITE_THROUGH", "WRITE_BACK"})
    void withoutGpuPrefixCachingOnlyTheTierServesReuse(WritePolicy policy) {
        EngineConfig noCaching = Sims.engine(SchedulerProfile.VLLM, 1000 * 16, 16, 8192).withOverlapScheduling(false)
                .withPrefixCaching(false);
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1)),
                new TimedRequest(10_000, withPrefix(1)));

        SimulationResult tiered = run(noCaching.withKvTiers(host(policy)), requests);
        double transferMs = HOST_LATENCY_MS + 2048 * BYTES_PER_TOKEN / HOST_BYTES_PER_S * 1000.0;
        assertEquals(transferMs + MODEL.prefillMs(100), tiered.requestRecords().get(1).ttftMs(), 1e-9);
        assertEquals(0, tiered.kvTiers().get(0).hitTokens(), "the GPU kept nothing");
        assertEquals(2048, tiered.kvTiers().get(1).hitTokens());
        // the prefix reached host memory once: as computed, or as the GPU dropped it when A ended
        assertEquals(2048 * BYTES_PER_TOKEN, tiered.kvTiers().get(1).writtenBytes(), 1e-3);

        SimulationResult alone = run(noCaching, requests);
        assertEquals(MODEL.prefillMs(2148), alone.requestRecords().get(1).ttftMs(), 1e-9);
        assertEquals(0.0, alone.prefixHitRate(), 0.0);
    }

    /** Selective write-through backs up what the GPU cache reuses: without prefix caching it has nothing to go on. */
    @Test
    void selectiveWriteThroughNeedsPrefixCaching() {
        EngineConfig noCaching = Sims.engine(SchedulerProfile.VLLM, 1000 * 16, 16, 8192).withPrefixCaching(false);
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.plimsoll.perfmodel.error.UserInputException.class,
                () -> noCaching.withKvTiers(host(WritePolicy.WRITE_THROUGH_SELECTIVE)));
        assertTrue(e.getMessage().contains("needs prefix caching on"), e.getMessage());
    }

    /** Selective write-through copies a block only once it is reused, so a prefix seen once is lost. */
    @Test
    void selectiveWriteThroughKeepsOnlyReusedBlocks() {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 140 * 16, 16, 8192).withOverlapScheduling(false)
                .withKvTiers(host(WritePolicy.WRITE_THROUGH_SELECTIVE));
        List<TimedRequest> once = List.of(new TimedRequest(0, withPrefix(1)),
                new TimedRequest(10_000, withPrefix(2)), new TimedRequest(20_000, withPrefix(1)));
        assertEquals(0, run(engine, once).kvTiers().get(1).hitTokens());
        // used twice before it is evicted: backed up on the second use, onboarded on the third
        List<TimedRequest> twice = List.of(new TimedRequest(0, withPrefix(1)), new TimedRequest(5_000, withPrefix(1)),
                new TimedRequest(10_000, withPrefix(2)), new TimedRequest(20_000, withPrefix(1)));
        assertEquals(2048, run(engine, twice).kvTiers().get(1).hitTokens());
    }

    /** Reads from one tier share its link: two onboardings at once take turns. */
    @Test
    void concurrentReadsQueueOnTheLink() {
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 400 * 16, 16, 8192).withOverlapScheduling(false)
                .withKvTiers(host(WritePolicy.WRITE_THROUGH));
        // 1 and 2 are computed, then 3 and 4 (400 blocks hold about three prompts) push them out of
        // the GPU; then 1 and 2 return together
        List<TimedRequest> requests = List.of(new TimedRequest(0, withPrefix(1)), new TimedRequest(5_000, withPrefix(2)),
                new TimedRequest(10_000, withPrefix(3)), new TimedRequest(15_000, withPrefix(4)),
                new TimedRequest(30_000, withPrefix(1)), new TimedRequest(30_000, withPrefix(2)));
        SimulationResult r = run(engine, requests);
        double oneMs = 2048 * BYTES_PER_TOKEN / HOST_BYTES_PER_S * 1000.0;
        double first = r.requestRecords().get(4).ttftMs();
        double second = r.requestRecords().get(5).ttftMs();
        assertTrue(Math.max(first, second) >= 2 * oneMs, "the later read waits for the first: " + first + ", "
                + second);
    }

    /**
     * Multi-turn sessions that overflow the GPU cache: a host tier keeps the conversations the GPU
     * had to drop, so more of each prompt is reused and TTFT falls.
     */
    @Test
    void hostTierRaisesHitRateAndLowersTtftOnSessions() {
        EngineConfig gpuOnly = Sims.engine(SchedulerProfile.VLLM, 30_000, 64, 8192);
        Workload w = new Workload.Sessions(new MultiTurnSessions(0.5, 100, 4, 10, 2_000, 10_000, 512, 4, 200, 600,
                100, 300, MultiTurnSessions.DEFAULT_HASH_BLOCK_TOKENS), 3);
        SimulationResult alone = Sims.aggregated(gpuOnly, LinearStepTime.LLAMA_8B_H100, 2, RouterKind.KV_AWARE, w);
        SimulationResult tiered = Sims.aggregated(gpuOnly.withKvTiers(host(WritePolicy.WRITE_THROUGH)),
                LinearStepTime.LLAMA_8B_H100, 2, RouterKind.KV_AWARE, w);
        // measured: hit rate 0.52 GPU only, 0.77 with the host tier (0.21 from host); TTFT p90 223 and 91 ms
        assertTrue(tiered.prefixHitRate() > alone.prefixHitRate() + 0.1,
                "hit rate: tiered " + tiered.prefixHitRate() + ", GPU only " + alone.prefixHitRate());
        assertTrue(tiered.kvTiers().get(1).hitRate() > 0.1, "host hits " + tiered.kvTiers().get(1).hitRate());
        assertTrue(tiered.ttft().p90Ms() < alone.ttft().p90Ms(),
                "TTFT p90: tiered " + tiered.ttft().p90Ms() + ", GPU only " + alone.ttft().p90Ms());
    }

    /**
     * A Mooncake trace's hash_ids (512-token blocks) drive the tiers as the synthetic ids do: the
     * closed form again, read from a JSONL file.
     */
    @Test
    void mooncakeHashIdsOnboardFromHost(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path trace = dir.resolve("mooncake.jsonl");
        java.nio.file.Files.writeString(trace, String.join("\n",
                "{\"timestamp\": 0, \"input_length\": 2148, \"output_length\": 5, \"hash_ids\": [1, 2, 3, 4, 5]}",
                "{\"timestamp\": 10000, \"input_length\": 2148, \"output_length\": 5, \"hash_ids\": [6, 7, 8, 9, 10]}",
                "{\"timestamp\": 20000, \"input_length\": 2148, \"output_length\": 5, \"hash_ids\": [1, 2, 3, 4, 11]}"));
        EngineConfig engine = Sims.engine(SchedulerProfile.VLLM, 140 * 16, 16, 8192).withOverlapScheduling(false)
                .withKvTiers(host(WritePolicy.WRITE_THROUGH));
        SimulationResult r = Simulation.run(SimulationConfig.aggregated(engine, StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.trace(trace, dev.plimsoll.perfmodel.workload.TraceTransform.NONE),
                SlaSpec.NONE).withOptions(SimulationOptions.DEFAULT.withKeepRequests(true).withTimeSeriesIntervalMs(0)));
        double transferMs = HOST_LATENCY_MS + 2048 * BYTES_PER_TOKEN / HOST_BYTES_PER_S * 1000.0;
        assertEquals(transferMs + MODEL.prefillMs(100), r.requestRecords().get(2).ttftMs(), 1e-9);
        assertEquals(2048, r.kvTiers().get(1).hitTokens());
    }
}
