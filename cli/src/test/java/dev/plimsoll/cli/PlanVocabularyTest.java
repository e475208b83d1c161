package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, findings 1 and 9 for {@code plan}: a target means the same metric in {@code plan} and
 * {@code simulate}, so the plan's winner meets the target when {@code simulate} runs it with the
 * same options; the shared names, their old aliases, and a trace's own arrival rate as the load.
 */
class PlanVocabularyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Llama 3.1 8B on H100s at 8 req/s of 1500 + 200 tokens, aggregated. */
    private static final String[] PLAN = {"plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "8",
            "--isl", "1500", "--osl", "200", "--ttft", "800", "--mode", "agg", "--output", "json"};

    @Test
    void aTpotTargetMeansTheSameInPlanAndSimulate() throws Exception {
        JsonNode winner = winner(SimulateWarningsTest.with(PLAN, "--tpot", "14"));
        assertTrue(winner.get("simulated").get("tpot_ms").asDouble() <= 14, winner.toString());
        JsonNode sla = simulate(winner, "--tpot", "14");
        assertTrue(sla.get("met").asBoolean(), "simulate agrees with plan: " + sla);
        assertEquals(winner.get("simulated").get("tpot_ms").asDouble(), sla.get("tpot_at_percentile_ms").asDouble(),
                0.15 * winner.get("simulated").get("tpot_ms").asDouble(), "the same metric, measured twice");
    }

    @Test
    void anItlTargetMeansTheSameInPlanAndSimulate() throws Exception {
        JsonNode winner = winner(SimulateWarningsTest.with(PLAN, "--itl", "14"));
        assertTrue(winner.get("simulated").get("itl_ms").asDouble() <= 14, winner.toString());
        JsonNode sla = simulate(winner, "--itl", "14");
        assertTrue(sla.get("met").asBoolean(), "simulate agrees with plan: " + sla);
        assertTrue(sla.get("tpot_ms").isNull(), "--itl bounds ITL only");
    }

    @Test
    void theTableNamesEveryLatencyByItsMetric() {
        CliRun r = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "8", "--isl", "1500",
                "--osl", "200", "--ttft", "800", "--tpot", "14", "--mode", "agg");
        assertEquals(0, r.exitCode(), r.err());
        for (String s : new String[] {"TPOT p90 <= 14 ms", "TTFT p90 ", "TPOT p90 ", "ITL p90 ", "ITL mean "}) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
        }
    }

    @Test
    void aPlanNeedsTtftAndAPerTokenTarget() {
        CliRun r = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "8", "--isl", "1500",
                "--osl", "200", "--ttft", "800");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--tpot MS") && r.err().contains("--itl MS"), r.err());
    }

    @Test
    void oldPlanNamesAreAliasesWithAWarning() throws Exception {
        String[] base = {"plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "4", "--isl", "1500",
                "--osl", "100", "--ttft", "1000", "--tpot", "30", "--mode", "agg", "--no-simulate", "--output", "json"};
        CliRun old = CliRun.of(SimulateWarningsTest.with(base, "--prefix", "500"));
        CliRun now = CliRun.of(SimulateWarningsTest.with(base, "--shared-prefix", "500"));
        assertEquals(0, old.exitCode(), old.err());
        assertEquals(JSON.readTree(now.out()).get("workload"), JSON.readTree(old.out()).get("workload"));
        assertEquals(500, JSON.readTree(old.out()).get("workload").get("prefix_tokens").asInt());
        assertTrue(old.err().contains("--prefix is an old name of --shared-prefix"), old.err());
    }

    @Test
    void aTraceGivesItsOwnArrivalRateWithoutRate(@TempDir Path dir) throws Exception {
        // 101 requests, one every 0.25 s: 4 requests per second
        List<String> lines = new ArrayList<>(List.of("TIMESTAMP,ContextTokens,GeneratedTokens"));
        for (int i = 0; i <= 100; i++) {
            lines.add(String.format(Locale.ROOT, "%.2f,%d,%d", i * 0.25, 800 + 10 * (i % 7), 100 + (i % 5)));
        }
        Path trace = dir.resolve("trace.csv");
        Files.write(trace, lines);
        CliRun r = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--trace", trace.toString(),
                "--ttft", "1000", "--tpot", "30", "--mode", "agg", "--no-simulate", "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(4.0, JSON.readTree(r.out()).get("target").get("rate_per_s").asDouble(), 1e-9);
        CliRun none = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--isl", "100", "--osl",
                "10", "--ttft", "1000", "--tpot", "30");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("give the load: --rate R"), none.err());
    }

    /** The plan's aggregated winner. */
    private static JsonNode winner(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode winner = JSON.readTree(r.out()).get("best_agg");
        assertTrue(winner.get("confirmed").asBoolean(), winner.toString());
        return winner;
    }

    /** Simulates a plan's aggregated winner with its own engine settings at the plan's load; the verdict. */
    private static JsonNode simulate(JsonNode winner, String... targets) throws Exception {
        JsonNode pool = winner.get("pools").get(0);
        List<String> args = new ArrayList<>(List.of("simulate", "--model", "llama-3.1-8b", "--gpu",
                pool.get("gpu").asText(), "--tp", pool.get("tp").asText(), "--replicas", pool.get("workers").asText(),
                "--backend", pool.get("backend").asText(), "--quant", pool.get("quant").asText(), "--kv-dtype",
                pool.get("kv_cache_dtype").asText(), "--max-num-seqs", pool.get("max_num_seqs").asText(),
                "--max-num-batched-tokens", pool.get("max_num_batched_tokens").asText(), "--cuda-graph-max-bs",
                pool.get("cuda_graph_max_bs").asText(), "--rate", "8", "--duration", "60", "--isl", "1500",
                "--osl", "200", "--ttft", "800", "--output", "json"));
        args.addAll(List.of(targets));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("NaN"));
        return JSON.readTree(r.out()).get("sla");
    }
}
