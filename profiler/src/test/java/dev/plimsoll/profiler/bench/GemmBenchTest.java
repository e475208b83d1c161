package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.GemmPoint;
import dev.plimsoll.profiler.plan.PrefillPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmBenchTest {
    private static final BenchSettings SETTINGS = new BenchSettings(1, 3, 1 << 28);
    private static final List<Fp8Recipe> VLLM_ONLY = List.of(Fp8Recipe.VLLM);

    @Test
    void anFp8PointIsMeasuredOncePerEngineRecipeAndOtherTypesOnce(@TempDir Path dir) throws Exception {
        Path bench = FakeHelpers.gemmBench(dir);
        List<GemmPoint> points = List.of(new GemmPoint("bfloat16", 16, 4096, 4096),
                new GemmPoint("fp8", 16, 4096, 4096), new GemmPoint("fp8", 32, 777, 4096));
        Measurements m = new Measurements();
        FakeHelpers.Recorder r = new FakeHelpers.Recorder(-1);
        GemmBench.run(GemmBench.command(bench), points, Fp8Recipe.forBackends(List.of("vllm", "sglang", "trtllm")),
                SETTINGS, m, r, g -> 0.1);
        List<String> requests = Files.readAllLines(FakeHelpers.requestLog(bench));
        assertEquals(List.of("bf16 16 4096", "fp8 16 4096", "fp8_rowwise 16 4096", "fp8_trtllm 16 4096",
                "fp8 32 777", "fp8_rowwise 32 777", "fp8_trtllm 32 777"), requests);
        assertEquals(3, r.labels.size(), "progress counts points, not requests");
        assertEquals(List.of(Fp8Recipe.VLLM, Fp8Recipe.SGLANG, Fp8Recipe.TRTLLM, Fp8Recipe.VLLM, Fp8Recipe.TRTLLM),
                m.gemms().stream().filter(g -> g.recipe() != null).map(Measurements.Gemm::recipe).toList(),
                "the refused per-token GEMM at n=777 is missing, the others measured");
        assertEquals("cublasLt", m.gemms().get(0).kernelSource());
        assertEquals("cublasLt_trtllm_dynamic_quant", m.gemms().get(3).kernelSource());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("(fp8_rowwise) not measured: no outer-vector")),
                m.notes().toString());
    }

    @Test
    void measuresEveryPointAndGivesUpOnATypeTheLibraryRefuses(@TempDir Path dir) throws Exception {
        List<GemmPoint> points = List.of(new GemmPoint("bfloat16", 1, 4096, 4096),
                new GemmPoint("bfloat16", 64, 4096, 4096), new GemmPoint("fp8_block", 1, 4096, 4096),
                new GemmPoint("fp8_block", 2, 4096, 4096), new GemmPoint("fp8_block", 4, 4096, 4096),
                new GemmPoint("fp8_block", 8, 4096, 4096), new GemmPoint("fp8", 8, 4096, 4096));
        Measurements m = new Measurements();
        FakeHelpers.Recorder r = new FakeHelpers.Recorder(-1);
        String version = GemmBench.run(GemmBench.command(FakeHelpers.gemmBench(dir)), points, VLLM_ONLY, SETTINGS, m, r, g -> 0.1);
        assertEquals("130100 13000", version);
        assertEquals(3, m.gemms().size());
        assertEquals(0.064, m.gemms().get(1).timing().medianMs(), 1e-12);
        assertEquals(points.size(), r.labels.size(), "skipped points count as done");
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("fp8_block GEMMs not measured: cuBLASLt refused")),
                m.notes().toString());
        assertEquals(3, m.notes().size(), "two refusals named, then the type given up: " + m.notes());
    }

    @Test
    void aBenchmarkThatDiesIsNotedWithItsStderrAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        List<GemmPoint> points = List.of(new GemmPoint("bfloat16", 1, 64, 64), new GemmPoint("bfloat16", 999, 64, 64),
                new GemmPoint("bfloat16", 2, 64, 64));
        Measurements m = new Measurements();
        GemmBench.run(GemmBench.command(FakeHelpers.gemmBench(dir)), points, VLLM_ONLY, SETTINGS, m,
                new FakeHelpers.Recorder(-1), g -> 0.1);
        assertEquals(1, m.gemms().size());
        String note = m.notes().get(0);
        assertTrue(note.startsWith("GEMM benchmark stopped after 2 of 3 points: gemm_bench exited with code 3"), note);
        assertTrue(note.contains("device on fire"), note);
    }

    @Test
    void theTimeLimitStopsBeforeTheNextPoint(@TempDir Path dir) throws Exception {
        List<GemmPoint> points = List.of(new GemmPoint("bfloat16", 1, 64, 64), new GemmPoint("bfloat16", 2, 64, 64),
                new GemmPoint("bfloat16", 4, 64, 64));
        Measurements m = new Measurements();
        GemmBench.run(GemmBench.command(FakeHelpers.gemmBench(dir)), points, VLLM_ONLY, SETTINGS, m,
                new FakeHelpers.Recorder(2), g -> 0.1);
        assertEquals(2, m.gemms().size());
    }

    @Test
    void prefillWithoutTorchIsNotedNotFatal(@TempDir Path dir) throws Exception {
        Path python = FakeHelpers.script(dir.resolve("python3"), """
                #!/usr/bin/env bash
                echo "fatal cannot import torch: No module named 'torch'"
                exit 1
                """);
        Measurements m = new Measurements();
        Optional<String> torch = PrefillAttentionBench.run(List.of(python.toString(), "sdpa_bench.py"),
                List.of(new PrefillPoint(new AttentionHeads(32, 8, 128), 1, 1024)), SETTINGS, m,
                new FakeHelpers.Recorder(-1), p -> 0.1);
        assertTrue(torch.isEmpty());
        assertTrue(m.notes().get(0).startsWith("prefill attention not measured: sdpa_bench: cannot import torch"),
                m.notes().toString());
        Measurements missing = new Measurements();
        assertTrue(PrefillAttentionBench.run(List.of(dir.resolve("no-such-python").toString()),
                List.of(new PrefillPoint(new AttentionHeads(32, 8, 128), 1, 1024)), SETTINGS, missing,
                new FakeHelpers.Recorder(-1), p -> 0.1).isEmpty());
        assertTrue(missing.notes().get(0).startsWith("prefill attention not measured: cannot start sdpa_bench"),
                missing.notes().toString());
    }
}
