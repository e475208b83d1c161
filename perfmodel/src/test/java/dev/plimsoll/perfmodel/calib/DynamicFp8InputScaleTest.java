package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.ops.OpFactory;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TensorRT-LLM's per-tensor FP8 GEMM table timed dynamic input quantisation (the collector loads no
 * input scale); an engine serving a checkpoint with input scales quantises statically.
 */
class DynamicFp8InputScaleTest {
    private static final Precision FP8 = new Precision(NumberFormat.FP8, ComputeDtype.FP8, false);
    private static final Precision FP8_BLOCK = new Precision(NumberFormat.FP8, ComputeDtype.FP8, true);
    /** The memset and the reduction at the test profile's graph-mode kernel cost. */
    private static final double TWO_KERNELS_MS = 2 * TestGpus.backend("trtllm").kernelOverheadUsGraph() / 1e3;

    private static double tableMs(String backend, String dtype, long m, long n, long k) {
        return KernelTableReader.read(SharedData.kernels("h200_sxm").resolve("gemm_" + backend + ".csv.gz"),
                        KernelFamily.GEMM, backend).rows().stream()
                .filter(r -> r.category().equals(dtype) && Arrays.equals(r.shape(), new double[]{n, k})
                        && Arrays.equals(r.grid(), new double[]{m}))
                .mapToDouble(KernelRow::latencyMs).min().orElseThrow(() -> new AssertionError("row not in table"));
    }

    private static CalibratedCostModel model(String backend) {
        return (CalibratedCostModel) CalibratedCostModels.provider(Optional.empty())
                .forGpu(TestGpus.h200(), TestGpus.backend(backend));
    }

    private static double priced(String backend, Precision p, long m, long n, long k) {
        return model(backend).cost(OpFactory.gemm("gemm", m, n, k, p, 1)).timeMs();
    }

    /** The bundle's own reading of its table at this shape, before any engine rule. */
    private static double bundleMs(String backend, Precision p, long m, long n, long k) {
        var op = OpFactory.gemm("gemm", m, n, k, p, 1);
        return model(backend).bundle().model(KernelFamily.GEMM).orElseThrow()
                .predict(OpQueries.of(op).orElseThrow(), ReferenceSpec.of(TestGpus.h200()), true).timeMs();
    }

    @Test
    void onlyTensorRtLlmPerTensorFp8TablesTimedTheDynamicPath() {
        assertTrue(DynamicFp8InputScale.applies("trtllm", OpFactory.gemm("g", 4, 8192, 1024, FP8, 1).shape()));
        assertFalse(DynamicFp8InputScale.applies("trtllm", OpFactory.gemm("g", 4, 8192, 1024, FP8_BLOCK, 1).shape()),
                "block-FP8 quantises its input in one kernel, as the engine does");
        assertFalse(DynamicFp8InputScale.applies("vllm", OpFactory.gemm("g", 4, 8192, 1024, FP8, 1).shape()));
        assertFalse(DynamicFp8InputScale.applies("trtllm", OpFactory.gemm("g", 4, 8192, 1024, Precision.BF16, 1)
                .shape()));
    }

    @Test
    void aSmallFp8GemmOnTensorRtLlmLosesTheMemsetAndTheReduction() {
        double measured = tableMs("trtllm", "fp8", 4, 8192, 1024);
        double table = bundleMs("trtllm", FP8, 4, 8192, 1024);
        assertEquals(measured, table, 0.1 * measured, "the bundle reads its table row");
        double engine = priced("trtllm", FP8, 4, 8192, 1024);
        // two kernels at the profile's cost under graph replay, and a 4 x 1024 bf16 read (2 ns)
        assertEquals(table - TWO_KERNELS_MS, engine, 0.0001, "table " + table + " ms, engine " + engine + " ms");
        double weightStreamMs = 8192.0 * 1024 / TestGpus.h200().memoryBandwidthBytesPerS() * 1e3;
        assertTrue(engine > weightStreamMs, "the GEMM itself stays: " + engine + " ms");
    }

    @Test
    void aLargeFp8GemmKeepsAlmostAllOfItsTime() {
        double table = bundleMs("trtllm", FP8, 8192, 8192, 8192);
        double engine = priced("trtllm", FP8, 8192, 8192, 8192);
        // the reduction reads the 128 MiB bf16 input once: 28 us at the H200's 4.8 TB/s
        double amaxMs = 8192.0 * 8192 * 2 / TestGpus.h200().memoryBandwidthBytesPerS() * 1e3;
        assertEquals(table - amaxMs - TWO_KERNELS_MS, engine, 1e-4, "table " + table + " ms, engine " + engine + " ms");
        assertTrue(engine > 0.95 * table, "the GEMM's own time stays");
    }

    @Test
    void aGemmWhoseInputArrivesInFp8RunsNoQuantisingKernelEither() {
        // Llama-3.1-70B's gate_up at TP 1: a 235 MB weight stream, well above one kernel's cost
        double staticPath = priced("trtllm", FP8, 4, 28672, 8192);
        var op = new dev.plimsoll.perfmodel.ops.Op("g", dev.plimsoll.perfmodel.ops.OpKind.GEMM, ComputeDtype.FP8, 1, 1, 1,
                1, new dev.plimsoll.perfmodel.ops.OpShape.Gemm(4, 28672, 8192, FP8, true));
        double quantised = model("trtllm").cost(op).timeMs();
        // one more graph kernel, and a 4 x 8192 read of bf16 and write of FP8 (0.02 us)
        double bytesMs = 4.0 * 8192 * 3 / TestGpus.h200().memoryBandwidthBytesPerS() * 1e3;
        assertEquals(staticPath - TWO_KERNELS_MS / 2 - bytesMs, quantised, 1e-9,
                "static " + staticPath + " ms, quantised input " + quantised + " ms");
    }

    @Test
    void otherEnginesAndBlockScaledTablesAreReadAsTheyAre() {
        assertEquals(bundleMs("vllm", FP8, 16, 8192, 1024), priced("vllm", FP8, 16, 8192, 1024), 1e-9);
        assertEquals(bundleMs("trtllm", FP8_BLOCK, 8, 8192, 1024), priced("trtllm", FP8_BLOCK, 8, 8192, 1024),
                1e-9);
    }
}
