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

/**
 * Issue 18, finding 4 through the command line: {@code --kv-dtype} on {@code plan} forbids the FP8
 * KV cache the search otherwise may pick (and only then says nothing about it), and NVFP4 on an H100
 * is said to run weight-only while its launch names the NVFP4 checkpoint it needs instead of
 * loading the BF16 one. Analytic plans keep it to a few seconds.
 */
class PlanLaunchFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PLAN = {"plan", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--rate", "4",
            "--isl", "2000", "--osl", "300", "--ttft", "1000", "--tpot", "40", "--mode", "agg", "--no-simulate",
            "--output", "json"};

    @Test
    void kvDtypeBf16ForbidsAnFp8KvCache() throws Exception {
        JsonNode j = JSON.readTree(run(SimulateWarningsTest.with(PLAN, "--kv-dtype", "bf16")).out());
        int pools = 0;
        for (String list : new String[] {"frontier", "top"}) {
            for (JsonNode p : j.get(list)) {
                for (JsonNode pool : p.get("pools")) {
                    assertEquals("bf16", pool.get("kv_cache_dtype").asText(), p.toString());
                    pools++;
                }
            }
        }
        assertTrue(pools > 0);
        assertFalse(j.get("notes").toString().contains("KV cache in fp8"), j.get("notes").toString());
        JsonNode free = JSON.readTree(run(PLAN).out());
        boolean fp8 = false;
        for (JsonNode pool : free.get("best_agg").get("pools")) {
            fp8 |= pool.get("kv_cache_dtype").asText().equals("fp8");
        }
        assertEquals(fp8, free.get("notes").toString().contains("stores the KV cache in fp8"),
                "an FP8 KV cache the user did not ask for is said, and only then: " + free.get("notes"));
    }

    @Test
    void nvfp4OnHopperRunsWeightOnlyAndNamesTheCheckpointItNeeds(@TempDir Path dir) throws Exception {
        CliRun r = run(SimulateWarningsTest.with(PLAN, "--quant", "nvfp4", "--save-dir", dir.toString()));
        String notes = JSON.readTree(r.out()).get("notes").toString();
        assertTrue(notes.contains("h100-sxm has no fp4 tensor cores: nvfp4 weights run weight-only"), notes);
        assertTrue(notes.contains("vllm cannot quantise to nvfp4 while loading"), notes);
        String script = Files.readString(dir.resolve("launch-agg-vllm.sh"));
        assertTrue(script.contains("MODEL=\"${MODEL:?set MODEL to a checkpoint stored in nvfp4"), script);
        assertFalse(script.contains("MODEL=\"${MODEL:-meta-llama/Llama-3.1-70B}\""), "never the bf16 checkpoint");
    }

    private static CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }
}
