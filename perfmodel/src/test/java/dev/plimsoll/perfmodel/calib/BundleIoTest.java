package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleIoTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());

    static CalibrationBundle small(String gpu, String backend) {
        List<KernelRow> gemm = new ArrayList<>();
        List<KernelRow> nccl = new ArrayList<>();
        for (int m = 1; m <= 4096; m *= 2) {
            gemm.add(new KernelRow("bfloat16", new double[]{4096, 4096}, new double[]{m}, "cublas",
                    0.005 + m * 1e-5, 0));
        }
        for (long size = 256; size <= 1 << 24; size *= 4) {
            nccl.add(new KernelRow("all_reduce|half", new double[]{8}, new double[]{size}, "", 0.015 + size * 1e-8, 0));
        }
        return CalibrationBundle.build(gpu, backend, H100, Map.of(KernelFamily.GEMM, gemm, KernelFamily.NCCL, nccl),
                "unit test", "none");
    }

    @Test
    void aManifestWithoutL2FiguresStillMatchesItsGpu(@TempDir Path dir) throws IOException {
        BundleIo.write(small("h100-sxm", "vllm"), dir);
        Path manifest = dir.resolve(BundleManifest.FILE);
        String text = Files.readString(manifest);
        assertTrue(text.contains("l2_cache_bytes: 52428800"), text);
        assertTrue(text.contains("exponentials_per_s: 3.86328125E12"), text);
        Files.writeString(manifest, text.replaceAll("(?m)^  (l2_|exponentials_).*\n", ""));
        CalibrationBundle older = BundleIo.read(dir);
        assertEquals(dev.plimsoll.perfmodel.specs.L2Cache.UNKNOWN, older.reference().l2Cache());
        assertFalse(older.reference().knowsExponentials());
        assertTrue(older.reference().sameFigures(H100), "absent L2 and exponential figures do not make it another GPU");
    }

    @Test
    void aNegativeExponentialRateIsRefusedNamingTheManifest(@TempDir Path dir) throws IOException {
        BundleIo.write(small("h100-sxm", "vllm"), dir);
        Path manifest = dir.resolve(BundleManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("exponentials_per_s: 3.86328125E12",
                "exponentials_per_s: -1.0"));
        UserInputException e = assertThrows(UserInputException.class, () -> BundleIo.read(dir));
        assertEquals(manifest + ": exponentials_per_s must be 0 or more", e.getMessage());
    }

    @Test
    void writesAndReadsBackTheSameBundle(@TempDir Path dir) throws IOException {
        CalibrationBundle b = small("h100-sxm", "vllm");
        BundleIo.write(b, dir);
        assertTrue(Files.exists(dir.resolve("gemm_vllm.csv.gz")));
        assertTrue(Files.exists(dir.resolve("nccl.csv.gz")));
        CalibrationBundle back = BundleIo.read(dir);
        assertEquals(b.manifest(), back.manifest());
        assertEquals(H100, back.reference());
        KernelQuery q = KernelQuery.of(KernelFamily.GEMM, "bfloat16", new double[]{4096, 4096}, new double[]{48});
        assertEquals(b.model(KernelFamily.GEMM).orElseThrow().predict(q, H100, true).timeMs(),
                back.model(KernelFamily.GEMM).orElseThrow().predict(q, H100, true).timeMs(), 1e-9);
        assertFalse(back.fixedCosts().isEmpty());
        assertTrue(back.model(KernelFamily.MOE).isEmpty());
    }

    @Test
    void manifestErrorsNameFileLineAndColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bundle.yaml"), "format: 1\ngpu: [h100\n");
        UserInputException e = assertThrows(UserInputException.class, () -> BundleIo.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("bundle.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().matches(".*bundle\\.yaml:\\d+:\\d+: .*"), e.getMessage());
        Files.writeString(dir.resolve("bundle.yaml"), "format: 7\ngpu: x\nbackend: y\nreference: {peak_flops_per_s: "
                + "{bf16: 1.0e15}, memory_bytes_per_s: 1.0e12, scale_up_bytes_per_s: 1.0e11}\n");
        assertTrue(assertThrows(UserInputException.class, () -> BundleIo.read(dir)).getMessage()
                .contains("bundle format 7 is not supported"));
    }

    @Test
    void aDirectoryWithoutManifestIsNotABundle(@TempDir Path dir) {
        assertTrue(assertThrows(UserInputException.class, () -> BundleIo.read(dir)).getMessage()
                .contains("not a calibration bundle"));
        assertTrue(assertThrows(UserInputException.class, () -> BundleCatalog.directory(dir)).getMessage()
                .contains("no calibration bundle found"));
    }

    @Test
    void catalogFindsNestedBundlesAndChoosesByGpuAndBackend(@TempDir Path dir) throws IOException {
        BundleIo.write(small("h100-sxm", "vllm"), dir.resolve("h100-sxm/vllm"));
        BundleIo.write(small("h100-sxm", "sglang"), dir.resolve("h100-sxm/sglang"));
        BundleCatalog c = BundleCatalog.directory(dir);
        assertEquals(2, c.entries().size());
        BundleCatalog.Selection exact = c.select("h100-sxm", H100, "sglang").orElseThrow();
        assertTrue(exact.exact());
        assertEquals("sglang", exact.bundle().backend());
        BundleCatalog.Selection other = c.select("b200", ReferenceSpec.of(TestGpus.b200()), "vllm").orElseThrow();
        assertFalse(other.exact());
        assertEquals("vllm", other.bundle().backend());
        assertTrue(BundleCatalog.of(List.of()).select("h100-sxm", H100, "vllm").isEmpty());
    }
}
