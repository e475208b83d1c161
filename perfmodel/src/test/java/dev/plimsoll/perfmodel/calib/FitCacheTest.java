package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prebuilt curves cached beside a user's bundle: written by calibrate, read while current, refitted when not. */
class FitCacheTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    private static final KernelQuery QUERY = KernelQuery.of(KernelFamily.GEMM, "bfloat16", new double[]{4096, 4096},
            new double[]{48});
    private static final String GEMM_FIT = "gemm_vllm" + FittedFamilyIo.SUFFIX;

    /** A one-shape GEMM bundle whose kernels take {@code fixedMs} plus a share of the tokens. */
    private static CalibrationBundle gemm(double fixedMs) {
        List<KernelRow> rows = new ArrayList<>();
        for (int m = 1; m <= 4096; m *= 2) {
            rows.add(new KernelRow("bfloat16", new double[]{4096, 4096}, new double[]{m}, "cublas", fixedMs + m * 1e-5, 0));
        }
        return CalibrationBundle.build("h100-sxm", "vllm", H100, Map.of(KernelFamily.GEMM, rows), "unit test", "none");
    }

    private static double predicted(CalibrationBundle b) {
        return b.model(KernelFamily.GEMM).orElseThrow().predict(QUERY, H100, true).timeMs();
    }

    private static void calibrated(CalibrationBundle b, Path dir) throws IOException {
        BundleIo.write(b, dir);
        FitCache.storeAll(dir);
    }

    /** What the bundle written to a directory of its own predicts (its tables' latencies rounded). */
    private static double predictedAsWritten(CalibrationBundle b, Path dir) throws IOException {
        BundleIo.write(b, dir);
        return predicted(BundleIo.read(dir));
    }

    @Test
    void calibrateWritesTheCurvesBesideTheTablesAndTheyReadBackAsTheFit(@TempDir Path dir, @TempDir Path plain)
            throws IOException {
        assertTrue(FitCache.codeKey().isPresent(), "the build records the fitting code's key");
        CalibrationBundle b = gemm(0.005);
        calibrated(b, dir);
        assertTrue(Files.isRegularFile(dir.resolve(GEMM_FIT)));
        assertEquals(predictedAsWritten(b, plain), predicted(BundleIo.read(dir)));
    }

    @Test
    void aCurrentCacheIsReadInsteadOfTheTable(@TempDir Path dir) throws IOException {
        calibrated(gemm(0.005), dir);
        // curves of other measurements, filed under the key of the table in dir: read without refitting
        CalibrationBundle other = gemm(0.050);
        String key = FitCache.key(Files.readAllBytes(dir.resolve("gemm_vllm.csv.gz")), KernelFamily.GEMM, H100,
                FitCache.codeKey().orElseThrow());
        Files.write(dir.resolve(GEMM_FIT), FittedFamilyIo.write(other.model(KernelFamily.GEMM).orElseThrow(), key));
        assertEquals(predicted(other), predicted(BundleIo.read(dir)));
    }

    @Test
    void anEditedTableIsFittedAgainAndCachedAgain(@TempDir Path dir, @TempDir Path plain) throws IOException {
        CalibrationBundle first = gemm(0.005);
        calibrated(first, dir);
        byte[] oldCache = Files.readAllBytes(dir.resolve(GEMM_FIT));
        CalibrationBundle edited = gemm(0.050);
        BundleIo.write(edited, dir); // new table, old cache
        double p = predicted(BundleIo.read(dir));
        assertEquals(predictedAsWritten(edited, plain), p);
        assertNotEquals(predicted(first), p, 1e-4);
        byte[] newCache = Files.readAllBytes(dir.resolve(GEMM_FIT));
        assertNotEquals(FittedFamilyIo.inputKey(oldCache), FittedFamilyIo.inputKey(newCache));
        assertEquals(p, predicted(BundleIo.read(dir)));
    }

    @Test
    void aDamagedCacheIsFittedAgain(@TempDir Path dir, @TempDir Path plain) throws IOException {
        CalibrationBundle b = gemm(0.005);
        calibrated(b, dir);
        Files.write(dir.resolve(GEMM_FIT), new byte[]{1, 2, 3});
        assertEquals(predictedAsWritten(b, plain), predicted(BundleIo.read(dir)));
    }

    @Test
    void theExponentialRateIsPartOfTheKey() {
        // attention curves are fitted against rooflines that include the softmax's exponentials
        byte[] table = {1, 2, 3};
        String known = FitCache.key(table, KernelFamily.CONTEXT_ATTENTION, H100, "code");
        assertEquals(known, FitCache.key(table, KernelFamily.CONTEXT_ATTENTION, H100, "code"));
        assertNotEquals(known, FitCache.key(table, KernelFamily.CONTEXT_ATTENTION, H100.withoutExponentials(), "code"));
    }
}
