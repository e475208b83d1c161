package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SMALL = {"plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "10",
            "--isl", "1000", "--osl", "200", "--ttft", "300", "--itl", "25"};

    private static String[] with(String... more) {
        String[] all = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    @Test
    void jsonCarriesTheDocumentedKeys() throws Exception {
        CliRun r = CliRun.of(with("--output", "json", "--gpu-price", "h100-sxm=2"));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = JSON.readTree(r.out());
        for (String key : new String[] {"best_agg", "best_disagg", "frontier", "top", "search_ms", "simulations"}) {
            assertTrue(j.has(key), "missing " + key);
        }
        JsonNode best = j.get(j.get("best").asText().equals("agg") ? "best_agg" : "best_disagg");
        for (String key : new String[] {"tokens_per_s_per_gpu", "tokens_per_s_per_user", "ttft_ms", "itl_ms", "gpus",
                "replicas", "cost_per_hour", "cost_per_million_tokens", "pools", "analytic", "simulated",
                "bottleneck"}) {
            assertTrue(best.has(key), "configuration lacks " + key);
        }
        assertTrue(best.get("ttft_ms").asDouble() <= 300 && best.get("itl_ms").asDouble() <= 25);
        JsonNode pool = best.get("pools").get(0);
        for (String key : new String[] {"role", "gpu", "workers", "tp", "pp", "ep", "dp", "max_num_seqs",
                "max_num_batched_tokens", "cuda_graph_max_bs", "kv_cache_dtype"}) {
            assertTrue(pool.has(key), "pool lacks " + key);
        }
        int gpus = 0;
        for (JsonNode p : best.get("pools")) {
            gpus += p.get("gpus").asInt();
        }
        assertEquals(best.get("gpus").asInt(), gpus);
        assertEquals(best.get("gpus").asInt() * 2.0, best.get("cost_per_hour").asDouble(), 0.01,
                "--gpu-price sets the price per GPU-hour");
    }

    @Test
    void tableNamesTheWinnersAndTheirReasons() {
        CliRun r = CliRun.of(with("--gpu-price", "h100-sxm=2.5"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("best aggregated"), r.out());
        assertTrue(r.out().contains("why: cheapest for 10.0 req/s"), r.out());
        assertTrue(r.out().contains("2.50 USD/h"), r.out());
        assertTrue(r.out().contains("Pareto frontier"), r.out());
    }

    @Test
    void saveDirWritesEveryArtifact(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of(with("--save-dir", dir.toString(), "--mode", "agg"));
        assertEquals(0, r.exitCode(), r.err());
        for (String f : new String[] {"plan.json", "frontier.csv", "frontier.json", "top.csv", "top.json",
                "pareto.png", "pareto.svg", "dynamo-agg.yaml", "k8s-agg.yaml", "launch-agg-vllm.sh"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f + " missing or empty");
        }
        assertFalse(Files.exists(dir.resolve("launch-agg-sglang.sh")), "the plan's engine only: vllm");
        assertFalse(Files.exists(dir.resolve("dynamo-disagg.yaml")), "agg mode proposes no disaggregated deployment");
        byte[] png = Files.readAllBytes(dir.resolve("pareto.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(Files.readString(dir.resolve("pareto.svg")).contains("<svg"));
        String csv = Files.readString(dir.resolve("top.csv"));
        assertTrue(csv.startsWith("rank,mode,layout,gpus,replicas,tokens_per_s_per_gpu"), csv);
    }

    @Test
    void anImpossibleSlaIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--rate", "10", "--isl", "8000",
                "--osl", "100", "--ttft", "5", "--itl", "25");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("plimsoll: TTFT p90 <= 5 ms is below or within 5% of the physical floor"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void loadAndSizesAreEachRequiredOnce() {
        CliRun none = CliRun.of("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--isl", "10", "--osl", "10",
                "--ttft", "300", "--itl", "25");
        assertEquals(2, none.exitCode());
        CliRun both = CliRun.of(with("--concurrency", "8"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }
}
