package dev.plimsoll.perfmodel.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Results as the CLI will print them, and the settings a user can get wrong. */
class ResultOutputTest {
    private static final LinearStepTime MODEL = new LinearStepTime(5.0, 0.05, 0.01, 0.0001);

    private static SimulationResult small(ProgressListener progress) {
        return Simulation.run(SimulationConfig.aggregated(Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192),
                        StepTimeModelFactory.of(MODEL), 2, RouterKind.ROUND_ROBIN,
                        new Workload.ClosedLoop(4, RequestShapes.fixed(200, 50), 200, 8, 8, 0.0, 1L),
                        SlaSpec.of(100, 10)).withOptions(SimulationOptions.DEFAULT.withTimeSeriesIntervalMs(100)),
                progress);
    }

    @Test
    void jsonKeysAreSnakeCaseAndTimesInMilliseconds() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(small(ProgressListener.NONE));
        assertEquals(200, json.get("finished_requests").asLong());
        assertEquals(184, json.get("measured_requests").asLong(), "warm-up and cool-down left out");
        assertTrue(json.get("ttft").get("p99_ms").isNumber());
        assertTrue(json.get("little_law").has("relative_error"));
        assertTrue(json.get("pools").get(0).has("gpu_utilisation"));
        JsonNode sample = json.get("time_series").get(0);
        assertEquals(100.0, sample.get("t_ms").asDouble());
        assertTrue(sample.has("kv_usage") && sample.has("queue_length") && sample.has("busy_fraction"));
        assertTrue(json.has("goodput_per_s") && json.has("sla_attainment") && json.has("output_tokens_per_s"));
    }

    @Test
    void timeSeriesWritesAsCsv() {
        SimulationResult r = small(ProgressListener.NONE);
        StringBuilder csv = new StringBuilder();
        TimeSeriesSample.writeCsv(r.timeSeries(), csv);
        String[] lines = csv.toString().split("\n");
        assertEquals(TimeSeriesSample.CSV_HEADER, lines[0]);
        assertEquals(r.timeSeries().size() + 1, lines.length);
        assertTrue(lines[1].startsWith("100.000,aggregated,"), lines[1]);
        long finished = r.timeSeries().stream().mapToLong(TimeSeriesSample::finishedRequests).sum();
        assertTrue(finished >= 199 && finished <= 200, "all but possibly the last interval's: " + finished);
    }

    @Test
    void progressIsReportedAsRequestsFinish() {
        AtomicLong calls = new AtomicLong();
        AtomicLong last = new AtomicLong();
        small((simulatedMs, finished, expected) -> {
            calls.incrementAndGet();
            last.set(finished);
            assertEquals(200, expected);
        });
        assertEquals(100, calls.get(), "every 1 % of 200 requests");
        assertEquals(200, last.get());
    }

    @Test
    void engineSettingsComeFromABackendProfile() {
        BackendProfile sglang = new BackendProfile("sglang", 2, 6, 8, 1, 2, 256, 2048, 8192, 1L << 30, 1L << 30, 0, "test");
        EngineConfig e = EngineConfig.of(sglang, 500_000, 131_072);
        assertEquals(SchedulerProfile.SGLANG, e.profile());
        assertEquals(256, e.cudaGraphMaxBatch());
        assertEquals(2048, e.maxRunningRequests());
        assertEquals(8192, e.maxBatchedTokens());
        assertEquals(1, e.blockTokens());
        assertEquals(16384, e.maxPrefillTokens());
    }

    @Test
    void badSettingsAreUserErrorsNamingTheValue() {
        assertEquals("unknown serving engine 'tgi'; expected vllm, sglang or trtllm",
                assertThrows(UserInputException.class, () -> SchedulerProfile.of("tgi")).getMessage());
        assertEquals(SchedulerProfile.TRTLLM, SchedulerProfile.of("TensorRT-LLM"));
        assertEquals(RouterKind.KV_AWARE, RouterKind.of("kv-aware"));
        assertThrows(UserInputException.class, () -> RouterKind.of("random"));
        assertTrue(assertThrows(UserInputException.class,
                () -> Sims.engine(SchedulerProfile.VLLM, 8, 1, 1)).getMessage().contains("less than one 16-token block"));
        assertThrows(UserInputException.class, () -> Sims.engine(SchedulerProfile.VLLM, 1000, 0, 1));
        assertThrows(UserInputException.class, () -> new SpeculativeDecoding(2, 1.5, 0));
        assertThrows(UserInputException.class, () -> new KvTransferLink(0, 1));
        assertThrows(UserInputException.class, () -> SlaSpec.of(-1, 10));
        assertThrows(UserInputException.class, () -> Simulation.run(SimulationConfig.aggregated(
                Sims.engine(SchedulerProfile.VLLM, 1000, 1, 100), StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.of("nothing", List.of()), SlaSpec.NONE)));
    }

    @Test
    void timeLimitLeavesRequestsUnfinished() {
        SimulationResult r = Simulation.run(SimulationConfig.aggregated(
                Sims.engine(SchedulerProfile.VLLM, 100_000, 64, 8192), StepTimeModelFactory.of(MODEL), 1,
                RouterKind.ROUND_ROBIN, Workload.poisson(100, RequestShapes.fixed(500, 500), 1000, 1), SlaSpec.NONE)
                .withOptions(SimulationOptions.DEFAULT.withMaxSimulatedMs(2000)));
        assertTrue(r.unfinishedRequests() > 0);
        assertTrue(r.simulatedMs() <= 2000);
        assertEquals(r.requests(), r.finishedRequests() + r.unfinishedRequests());
    }
}
