package dev.plimsoll.profiler.compare;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTable;
import dev.plimsoll.perfmodel.calib.table.KernelTableWriter;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableComparisonTest {
    private static KernelRow gemm(String dtype, double m, double n, double k, String kernel, double ms) {
        return new KernelRow(dtype, new double[]{n, k}, new double[]{m}, kernel, ms, 0);
    }

    private static void write(Path dir, List<KernelRow> rows) throws Exception {
        Files.createDirectories(dir);
        KernelTableWriter.write(new KernelTable(KernelFamily.GEMM, "vllm", "t", rows), dir.resolve("gemm_vllm.csv.gz"));
    }

    @Test
    void comparesAtIdenticalKeysTheFastestReferenceKernelCounting(@TempDir Path dir) throws Exception {
        write(dir.resolve("ours"), List.of(gemm("bfloat16", 1, 4096, 4096, "cublasLt", 0.011),
                gemm("bfloat16", 64, 4096, 4096, "cublasLt", 0.012), gemm("bfloat16", 128, 4096, 4096, "cublasLt", 0.02),
                gemm("fp8", 1, 4096, 4096, "cublasLt", 0.008),
                gemm("bfloat16", 3, 4096, 4096, "cublasLt", 0.5)));
        write(dir.resolve("ref"), List.of(gemm("bfloat16", 1, 4096, 4096, "torch", 0.010),
                gemm("bfloat16", 64, 4096, 4096, "torch", 0.015), gemm("bfloat16", 128, 4096, 4096, "torch", 0.016),
                gemm("fp8", 1, 4096, 4096, "slow", 0.02), gemm("fp8", 1, 4096, 4096, "fast", 0.010)));
        TableComparison.Result r = TableComparison.compare(dir.resolve("ours"), dir.resolve("ref"), "vllm");
        assertEquals(2, r.agreements().size());
        TableComparison.Agreement bf16 = r.agreements().get(0);
        assertEquals("bfloat16", bf16.category());
        assertEquals(3, bf16.points(), "m = 3 has no reference row");
        // ratios 1.1, 0.8, 1.25: errors 0.1, 0.2, 0.25
        assertEquals(0.2, bf16.medianError(), 1e-9);
        assertEquals(0.25, bf16.p90Error(), 1e-9);
        assertEquals(1.1, bf16.medianRatio(), 1e-9);
        assertEquals(0.8, r.agreements().get(1).medianRatio(), 1e-9);
        // weight bytes over latency of the few-token rows: 4096 x 4096 x 2 B in 10 us; fp8 1 B in 10 us
        assertEquals(4096.0 * 4096 * 2 / 1e-5, r.impliedReadBytesPerS(), 1);
    }

    @Test
    void tablesOfAnotherEngineAreRefused(@TempDir Path dir) throws Exception {
        write(dir.resolve("ours"), List.of(gemm("bfloat16", 1, 64, 64, "x", 0.01)));
        write(dir.resolve("ref"), List.of(gemm("bfloat16", 1, 64, 64, "x", 0.01)));
        assertThrows(UserInputException.class, () -> TableComparison.compare(dir.resolve("ours"), dir.resolve("ref"),
                "trtllm"));
    }
}
