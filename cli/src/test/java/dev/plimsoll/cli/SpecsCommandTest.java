package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecsCommandTest {
    @Test
    void listsEveryBundledGpuAndModel() throws Exception {
        CliRun r = CliRun.of("specs", "list", "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(13, j.get("gpus").size());
        assertEquals(13, j.get("models").size());
    }

    @Test
    void gpuMemoryIsLabelledInTheUnitItIsCountedIn() {
        // issue 18, finding 9: an H100's 80 GiB (85.9 GB) was labelled "memory GB 86"
        CliRun r = CliRun.of("specs", "list");
        assertEquals(0, r.exitCode(), r.err());
        String header = r.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("mem GiB") && !header.contains("memory GB"), header);
        String h100 = r.out().lines().filter(l -> l.startsWith("h100-sxm ")).findFirst().orElseThrow();
        String[] cells = h100.trim().split("\\s{2,}");
        int memColumn = java.util.Arrays.asList(header.trim().split("\\s{2,}")).indexOf("mem GiB");
        assertEquals("80", cells[memColumn], h100);
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 100), r.out());
    }

    @Test
    void showsAModelWithItsParameterCount() throws Exception {
        CliRun r = CliRun.of("specs", "show", "deepseek-v3");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(671e9, j.get("total_params").asDouble(), 0.01 * 671e9);
        assertEquals("mla", j.get("attention").get("kind").asText());
    }

    @Test
    void showsAGpu() {
        CliRun r = CliRun.of("specs", "show", "h200-sxm", "--output", "table");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("h200-sxm"), r.out());
    }

    @Test
    void aGpuShowsItsL2WhereItsSpecGivesOne() throws Exception {
        JsonNode h200 = new ObjectMapper().readTree(CliRun.of("specs", "show", "h200-sxm").out());
        assertEquals(50L << 20, h200.get("l2_cache_bytes").asLong());
        assertEquals(9.8e12, h200.get("l2_bandwidth_bytes_per_s").asDouble(), 1);
        assertEquals("9.0", h200.get("compute_capability").asText());
        JsonNode mi300x = new ObjectMapper().readTree(CliRun.of("specs", "show", "mi300x").out());
        assertTrue(mi300x.get("l2_cache_bytes") == null, "no L2 figures: no keys");
        assertTrue(mi300x.get("compute_capability") == null, "no CUDA compute capability: no key");
    }

    @Test
    void unknownIdExits2WithSuggestions() {
        CliRun r = CliRun.of("specs", "show", "lama-3.1-8b");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("llama-3.1-8b"), r.err());
    }
}
