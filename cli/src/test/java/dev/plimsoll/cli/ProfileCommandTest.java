package dev.plimsoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTable;
import dev.plimsoll.perfmodel.calib.table.KernelTableWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ProfileCommandTest {
    private static final Path PROFILED = Path.of(System.getProperty("plimsoll.root", ".."))
            .resolve("docs/profiled-h200/tables").normalize();
    private static final Path REFERENCE = Path.of(System.getProperty("plimsoll.root", ".."))
            .resolve("../shared/data/kernels/h200_sxm").normalize();

    @Test
    void dryRunPrintsThePlanWithoutAGpu() throws Exception {
        CliRun r = CliRun.of("profile", "--dry-run", "--model", "llama-3.1-8b,qwen3-32b", "--tp", "1,2", "--gpu",
                "h200-sxm", "--quant", "fp8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("profile plan (quick) on h200-sxm:"), r.out());
        assertTrue(r.out().contains("qwen3-32b tp2 (linear fp8, kv bfloat16)"), r.out());
        assertTrue(r.out().contains("estimated time:"), r.out());
        CliRun j = CliRun.of("profile", "--dry-run", "--model", "llama-3.1-8b", "--gpu", "h200-sxm", "--full",
                "--extra-gemm", "8192x8192", "--output", "json");
        assertEquals(0, j.exitCode(), j.err());
        JsonNode plan = new ObjectMapper().readTree(j.out());
        assertEquals("full", plan.get("depth").asText());
        boolean extra = false;
        for (JsonNode g : plan.get("gemms")) {
            extra |= g.get("n").asLong() == 8192 && g.get("k").asLong() == 8192 && g.get("dtype").asText().equals("fp8");
        }
        assertTrue(extra, "the extra shape in fp8 too");
        assertEquals(2, countDistinct(plan.get("decode_attention"), "kv_cache_dtype"));
    }

    private static int countDistinct(JsonNode array, String field) {
        java.util.Set<String> s = new java.util.HashSet<>();
        array.forEach(n -> s.add(n.get(field).asText()));
        return s.size();
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        String[][] cases = {
                {"profile", "--dry-run", "--model", "llama-3.1-8b"},
                {"profile", "--dry-run", "--gpu", "h200-sxm"},
                {"profile", "--dry-run", "--model", "llama-3.1-8b", "--gpu", "h200-sxm", "--extra-gemm", "4096"},
                {"profile", "--dry-run", "--model", "llama-3.1-8b", "--gpu", "h200-sxm", "--backend", "tgi"},
                {"profile", "--dry-run", "--model", "no-such-model", "--gpu", "h200-sxm"},
                {"profile", "--dry-run", "--model", "llama-3.1-8b", "--gpu", "h200-sxm", "--tp", "3"},
                {"profile", "--model", "llama-3.1-8b"},
                {"profile", "--quick", "--full", "--model", "llama-3.1-8b", "--dry-run", "--gpu", "h200-sxm"}};
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("plimsoll: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void withoutACudaDriverItSaysSoInOneLine(@TempDir Path dir) {
        assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver");
        CliRun r = CliRun.of("profile", "--model", "llama-3.1-8b", "--out", dir.resolve("t").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("plimsoll: no CUDA driver on this machine"), r.err());
        assertFalse(Files.exists(dir.resolve("t")), "nothing written");
    }

    @Test
    void compareReportsAgreementAndBandwidthOfTheShippedProfile() {
        CliRun r = CliRun.of("profile", "compare", "--tables", PROFILED.toString(), "--reference", REFERENCE.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("gemm                   bfloat16"), r.out());
        assertTrue(r.out().contains("HBM read: measured 4.49 TB/s, reference GEMM rows imply up to 4.36 TB/s"), r.out());
    }

    @Test
    void calibrateMarksABundleFromProfiledTablesAsProfiled(@TempDir Path dir) throws Exception {
        Path tables = Files.createDirectories(dir.resolve("tables"));
        List<KernelRow> rows = new ArrayList<>();
        for (long m : new long[]{1, 16, 256, 4096}) {
            for (long n : new long[]{4096, 8192}) {
                rows.add(new KernelRow("bfloat16", new double[]{n, 4096}, new double[]{m}, "cublasLt",
                        0.005 + Math.max(n * 4096 * 2 / 4e9, 2.0 * m * n * 4096 / 7e11), 0));
            }
        }
        KernelTableWriter.write(new KernelTable(KernelFamily.GEMM, "vllm", "t", rows), tables.resolve("gemm_vllm.csv.gz"));
        Files.copy(PROFILED.resolve("machine.yaml"), tables.resolve("machine.yaml"));
        CliRun c = CliRun.of("calibrate", "--tables", tables.toString(), "--gpu", "h200-sxm", "--backend", "vllm",
                "--out", dir.resolve("b").toString());
        assertEquals(0, c.exitCode(), c.err());
        String manifest = Files.readString(dir.resolve("b/bundle.yaml"));
        assertTrue(manifest.contains("source: \"profiled: plimsoll profile"), manifest);
        CliRun own = CliRun.of("calibrate", "--tables", tables.toString(), "--gpu", "h200-sxm", "--backend", "vllm",
                "--out", dir.resolve("b2").toString(), "--source", "my lab");
        assertEquals(0, own.exitCode(), own.err());
        assertTrue(Files.readString(dir.resolve("b2/bundle.yaml")).contains("source: my lab"));
    }

    @Test
    void theBundleRunsTheProfileCommandFromItsOwnJar(@TempDir Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("jre/bin"));
        Files.writeString(runtime.resolve("java"), "#!/bin/sh\nexit 0\n");
        runtime.resolve("java").toFile().setExecutable(true);
        Path bundle = dir.resolve("bundle");
        CliRun r = CliRun.of("profile", "--bundle", bundle.toString(), "--runtime", dir.resolve("jre").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isExecutable(bundle.resolve("run.sh")));
        assertTrue(Files.isExecutable(bundle.resolve("runtime/bin/java")));
        assertTrue(Files.isRegularFile(bundle.resolve("kernels/paged_decode.cu")));
        try (JarFile jar = new JarFile(bundle.resolve("plimsoll-profile.jar").toFile())) {
            assertTrue(jar.getEntry("dev/plimsoll/profiler/kernels/gemm_bench.cu") != null);
            assertTrue(jar.getEntry("lib/libJCudaDriver-12.6.0-linux-x86_64.so") != null);
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("calibration/")), "no reference tables");
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("javafx/")), "no GUI toolkit");
        }
        // the jar alone (with this JVM) plans a profile
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", bundle.resolve("plimsoll-profile.jar").toString(),
                "--dry-run", "--model", "llama-3.1-8b", "--gpu", "h200-sxm").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("profile plan (quick) on h200-sxm"), out);
        CliRun again = CliRun.of("profile", "--bundle", bundle.toString(), "--runtime", dir.resolve("jre").toString());
        assertEquals(2, again.exitCode(), "an existing bundle is not overwritten");
    }
}
