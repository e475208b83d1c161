package dev.plimsoll.profiler.output;

import dev.plimsoll.perfmodel.calib.CalibrationBundle;
import dev.plimsoll.perfmodel.calib.Calibrator;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTable;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.profiler.bench.Fp8Recipe;
import dev.plimsoll.profiler.bench.Measurements;
import dev.plimsoll.profiler.cuda.Timing;
import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.DecodePoint;
import dev.plimsoll.profiler.plan.ElementwisePoint;
import dev.plimsoll.profiler.plan.GemmPoint;
import dev.plimsoll.profiler.plan.PrefillPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileWriterTest {
    static final AttentionHeads HEADS = new AttentionHeads(32, 8, 128);

    private static Timing t(double ms) {
        return new Timing(ms, ms * 0.98, ms * 1.03, 100, 4);
    }

    /** A small but fittable profile: a bf16 and an fp8 GEMM curve on two weights, attention curves. */
    static Measurements measurements() {
        Measurements m = new Measurements();
        for (long n : new long[]{4096, 14336}) {
            for (long tokens : new long[]{1, 8, 64, 512, 4096}) {
                double weightMs = n * 4096 * 2 / 4.0e9;
                m.add(new Measurements.Gemm(new GemmPoint("bfloat16", tokens, n, 4096),
                        t(0.006 + Math.max(weightMs, 2.0 * tokens * n * 4096 / 7.0e11))));
                m.add(new Measurements.Gemm(new GemmPoint("fp8", tokens, n, 4096),
                        t(0.009 + Math.max(weightMs / 2, 2.0 * tokens * n * 4096 / 1.4e12))));
            }
        }
        for (int batch : new int[]{1, 8, 64}) {
            for (int step : new int[]{127, 1023, 4095}) {
                DecodePoint d = new DecodePoint(HEADS, DecodePoint.BF16, batch, step);
                m.add(new Measurements.Decode(d, t(0.011 + d.kvBytes() / 3.0e9)));
            }
            for (int isl : new int[]{512, 2048}) {
                PrefillPoint p = new PrefillPoint(HEADS, batch, isl);
                m.add(new Measurements.Prefill(p, t(0.01 + p.flops() / 5.0e11), "flash"));
            }
        }
        m.add(new Measurements.Bandwidth("read", 1L << 30, 1L << 30, t(0.24)));
        m.add(new Measurements.Elementwise(new ElementwisePoint(ElementwisePoint.Kind.RMSNORM, 256, 4096), t(0.004)));
        m.note("prefill attention stopped: test");
        return m;
    }

    static MachineRecord machine(boolean complete) {
        return new MachineRecord("plimsoll profile test", "2026-12-02T15:08:57Z", "NVIDIA H200", "h200-sxm", "9.0", 132,
                150L << 30, 60L << 20, "00000000:00:06.0", "13.0", "580.159.04", "13.0.88", "130100 13000",
                "2.11.0+cu130 13.0 gqa", List.of("plimsoll_paged_decode_mma", "torch_sdpa_flash_decode"), "quick", List.of("llama-3.1-8b tp1 (linear bfloat16, kv bfloat16)"), 40, 38,
                62.9, complete, 4.49e12, 3.98e12,
                List.of(new GpuState("before", "580.159.04", 1980, 3201, 1980, 3201, 40, 91.5, 700.0, "P0", "0x0")),
                List.of("collectives are not profiled"));
    }

    @Test
    void writesTablesTheCalibrationReadsBackRowForRow(@TempDir Path dir) throws Exception {
        Measurements m = measurements();
        List<Path> tables = ProfileWriter.write(m, machine(true), List.of("vllm", "sglang"), dir);
        assertEquals(6, tables.size(), "three families under two engine names");
        KernelTable gemm = KernelTableReader.read(dir.resolve("gemm_vllm.csv.gz"));
        assertEquals(20, gemm.rows().size());
        KernelRow fp8 = gemm.rows().stream().filter(r -> r.category().equals("fp8")).findFirst().orElseThrow();
        assertEquals("cublasLt_dynamic_quant", fp8.kernel());
        KernelRow first = gemm.rows().stream().filter(r -> r.category().equals("bfloat16") && r.grid()[0] == 1
                && r.shape()[0] == 4096).findFirst().orElseThrow();
        assertEquals(m.gemms().get(0).timing().medianMs(), first.latencyMs(), 1e-4 * first.latencyMs());
        KernelTable decode = KernelTableReader.read(dir.resolve("generation_attention_sglang.csv.gz"));
        assertEquals(9, decode.rows().size());
        KernelRow d = decode.rows().get(0);
        assertEquals("bfloat16|bfloat16", d.category());
        assertArrayEquals(new double[]{32, 8, 128, 0}, d.shape());
        assertEquals("plimsoll_paged_decode_mma", d.kernel());
        KernelTable prefill = KernelTableReader.read(dir.resolve("context_attention_vllm.csv.gz"));
        assertEquals("torch_sdpa_flash", prefill.rows().get(0).kernel());
        String bw = Files.readString(dir.resolve(ProfileWriter.BANDWIDTH_FILE));
        assertTrue(bw.startsWith("kind,buffer_bytes,bytes_moved,latency,bytes_per_s\nread,1073741824,1073741824,0.24,"),
                bw);
        assertTrue(Files.readString(dir.resolve(ProfileWriter.ELEMENTWISE_FILE)).contains("rmsnorm,256,4096,0.004,"));
    }

    @Test
    void eachEngineGetsItsOwnFp8RecipeAndTheDecodeKernelItWasMeasuredWith(@TempDir Path dir) throws Exception {
        Measurements m = new Measurements();
        GemmPoint both = new GemmPoint("fp8", 16, 4096, 4096);
        GemmPoint vllmOnly = new GemmPoint("fp8", 32, 4096, 4096);
        m.add(new Measurements.Gemm(both, t(0.020), Fp8Recipe.VLLM));
        m.add(new Measurements.Gemm(both, t(0.017), Fp8Recipe.SGLANG));
        m.add(new Measurements.Gemm(both, t(0.024), Fp8Recipe.TRTLLM));
        m.add(new Measurements.Gemm(vllmOnly, t(0.021), Fp8Recipe.VLLM));
        m.add(new Measurements.Gemm(new GemmPoint("bfloat16", 16, 4096, 4096), t(0.030)));
        DecodePoint d = new DecodePoint(HEADS, DecodePoint.BF16, 8, 1023);
        m.add(new Measurements.Decode(d, t(0.02), Measurements.TORCH_DECODE_SOURCE));
        ProfileWriter.write(m, machine(true), List.of("vllm", "sglang", "trtllm"), dir);
        KernelTable sglang = KernelTableReader.read(dir.resolve("gemm_sglang.csv.gz"));
        assertEquals(3, sglang.rows().size(), "one row per point");
        KernelRow own = fp8Row(sglang, 16);
        assertEquals("cublasLt_per_token_rowwise", own.kernel());
        assertEquals(0.017, own.latencyMs(), 1e-9);
        KernelRow fallback = fp8Row(sglang, 32);
        assertEquals("cublasLt_dynamic_quant", fallback.kernel(), "vLLM's recipe where SGLang's was not measured");
        assertEquals(0.024, fp8Row(KernelTableReader.read(dir.resolve("gemm_trtllm.csv.gz")), 16).latencyMs(), 1e-9);
        assertEquals(0.020, fp8Row(KernelTableReader.read(dir.resolve("gemm_vllm.csv.gz")), 16).latencyMs(), 1e-9);
        KernelTable decode = KernelTableReader.read(dir.resolve("generation_attention_trtllm.csv.gz"));
        assertEquals("torch_sdpa_flash_decode", decode.rows().get(0).kernel());
    }

    private static KernelRow fp8Row(KernelTable t, double tokens) {
        return t.rows().stream().filter(r -> r.category().equals("fp8") && r.grid()[0] == tokens).findFirst()
                .orElseThrow();
    }

    @Test
    void theMachineRecordRoundTripsAndMarksTheBundleProfiled(@TempDir Path dir) throws Exception {
        ProfileWriter.write(measurements(), machine(false), List.of("vllm"), dir);
        MachineRecord back = MachineRecord.read(dir).orElseThrow();
        assertEquals(machine(false), back, "a PCI address such as 00000000:00:06.0 survives YAML");
        String p = back.provenance();
        assertTrue(p.startsWith("profiled: plimsoll profile test on NVIDIA H200 (h200-sxm), driver 580.159.04, "
                + "CUDA 13.0, 2026-12-02; GEMMs cuBLASLt 130100"), p);
        assertTrue(p.contains(", decode attention plimsoll_paged_decode_mma and torch_sdpa_flash_decode, prefill attention "
                + "torch 2.11.0+cu130 SDPA"), p);
        assertTrue(p.endsWith("(stopped by its time limit)"), p);
        assertTrue(MachineRecord.read(dir.resolve("nowhere")).isEmpty());
        // a record from before the decode kernel was a choice names our paged CUDA-core kernel
        Files.writeString(dir.resolve(MachineRecord.FILE), Files.readString(dir.resolve(MachineRecord.FILE))
                .replaceAll("(?s)decode_kernels:.*?\n(?=[a-z])", ""));
        assertTrue(MachineRecord.read(dir).orElseThrow().provenance().contains(", decode attention "
                + "plimsoll_paged_decode, "));
    }

    @Test
    void theProfiledTablesFitACalibrationBundle(@TempDir Path dir) throws Exception {
        ProfileWriter.write(measurements(), machine(true), List.of("vllm"), dir);
        CalibrationBundle b = Calibrator.build(dir, SpecRegistry.bundled().gpu("h200-sxm"), "vllm",
                MachineRecord.read(dir).orElseThrow().provenance(), "");
        assertEquals(java.util.Set.of(KernelFamily.GEMM, KernelFamily.GENERATION_ATTENTION,
                KernelFamily.CONTEXT_ATTENTION), b.families());
        // the fitted fixed cost of the bf16 GEMMs is the 6 us the synthetic curve carries
        double fixedUs = b.fixedCosts().stream().filter(f -> f.family().equals("gemm") && f.key().equals("bfloat16"))
                .findFirst().orElseThrow().fixedUs();
        assertEquals(6.0, fixedUs, 1.5);
        assertTrue(b.manifest().source().startsWith("profiled: "));
    }
}
