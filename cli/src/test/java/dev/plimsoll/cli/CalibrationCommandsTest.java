package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationCommandsTest {
    private static final Path KERNELS = Path.of(System.getProperty("plimsoll.root", ".."))
            .resolve("../shared/data/kernels/h100_sxm").normalize();

    /** A small table directory: the vLLM all-reduce table and the NCCL table. */
    private static Path tables(Path dir) throws Exception {
        Path t = Files.createDirectories(dir.resolve("tables"));
        Files.copy(KERNELS.resolve("custom_allreduce_vllm.csv.gz"), t.resolve("custom_allreduce_vllm.csv.gz"));
        Files.copy(KERNELS.resolve("nccl.csv.gz"), t.resolve("nccl.csv.gz"));
        return t;
    }

    @Test
    void calibrateWritesABundleThatEstimateUses(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bundle");
        CliRun c = CliRun.of("calibrate", "--tables", tables(dir).toString(), "--gpu", "h100-sxm", "--backend", "vllm",
                "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(Files.exists(out.resolve("bundle.yaml")));
        assertTrue(c.out().contains("allreduce"), c.out());
        CliRun e = CliRun.of("estimate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--tp", "2", "--isl", "512",
                "--osl", "64", "--calibration", out.toString(), "--detail", "--output", "json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode ops = new ObjectMapper().readTree(e.out()).get("ops");
        boolean measuredAllReduce = false;
        for (JsonNode op : ops) {
            if (op.get("name").asText().equals("tp_allreduce") && !op.get("provenance").asText().equals("roofline")) {
                measuredAllReduce = true;
            }
        }
        assertTrue(measuredAllReduce, e.out());
    }

    @Test
    void validateKernelsScoresEveryFamilyOfTheDirectory(@TempDir Path dir) throws Exception {
        Path t = tables(dir);
        CliRun r = CliRun.of("validate", "--kernels", t.toString(), "--gpu", "h100-sxm", "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.toString().contains("allreduce"), r.out());
        CliRun h = CliRun.of("validate", "--kernels", t.toString(), "--gpu", "h100-sxm", "--holdout", "0.2");
        assertEquals(0, h.exitCode(), h.err());
    }

    @Test
    void validateKernelsWithRowsBreaksEachFamilyDownByKernel(@TempDir Path dir) throws Exception {
        Path t = tables(dir);
        JsonNode summary = new ObjectMapper().readTree(CliRun.of("validate", "--kernels", t.toString(), "--gpu",
                "h200-sxm", "--transfer-from", "h100-sxm", "--output", "json").out());
        CliRun r = CliRun.of("validate", "--kernels", t.toString(), "--gpu", "h200-sxm", "--transfer-from", "h100-sxm",
                "--rows", "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        for (int i = 0; i < rows.get("scores").size(); i++) {
            JsonNode family = rows.get("scores").get(i);
            assertTrue(summary.get("scores").get(i).path("kernels").isMissingNode(), "no breakdown without --rows");
            int points = 0;
            for (JsonNode k : family.get("kernels")) {
                points += k.get("points").asInt();
                assertTrue(k.get("median_ratio").asDouble() > 0, k.toString());
            }
            assertEquals(family.get("points").asInt() + family.get("host_timed_points").asInt(), points,
                    "every priced row is in one kernel's line: " + family);
        }
        CliRun table = CliRun.of("validate", "--kernels", t.toString(), "--gpu", "h200-sxm", "--transfer-from",
                "h100-sxm", "--rows");
        assertTrue(table.out().contains("ratio: median of predicted over measured time"), table.out());
    }

    @Test
    void badCombinationsExit2() {
        assertEquals(2, CliRun.of("validate").exitCode());
        CliRun noGpu = CliRun.of("validate", "--kernels", KERNELS.toString());
        assertEquals(2, noGpu.exitCode());
        assertTrue(noGpu.err().contains("--kernels needs --gpu"), noGpu.err());
        CliRun badFraction = CliRun.of("validate", "--kernels", KERNELS.toString(), "--gpu", "h100-sxm", "--holdout", "1.5");
        assertEquals(2, badFraction.exitCode());
        CliRun noDir = CliRun.of("calibrate", "--tables", "/nonexistent", "--gpu", "h100-sxm", "--backend", "vllm",
                "--out", "/tmp/x");
        assertEquals(2, noDir.exitCode());
        assertTrue(noDir.err().contains("no such directory"), noDir.err());
    }
}
