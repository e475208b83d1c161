package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** bundle.yaml inputs that once crashed the bundle reader (found by BundleManifestFuzzTest). */
class BundleManifestErrorsTest {
    private static final String HEAD = """
            format: 1
            gpu: h100-sxm
            backend: vllm
            reference:
            %s
              memory_bytes_per_s: 3.35E12
              scale_up_bytes_per_s: 4.5E11
            families:
            %s
            """;
    private static final String PEAKS = "  peak_flops_per_s:\n    bf16: 9.89E14";

    private static UserInputException error(String peaks, String families) {
        byte[] yaml = HEAD.formatted(peaks, families).getBytes(StandardCharsets.UTF_8);
        return assertThrows(UserInputException.class,
                () -> BundleIo.manifest(new ByteArrayInputStream(yaml), "bundle.yaml"));
    }

    @Test
    void referenceWithoutPeaksIsAUserError() {
        assertEquals("bundle.yaml: reference.peak_flops_per_s needs a number per compute type",
                error("  peak_flops_per_s:", "- family: gemm\n  file: gemm_vllm.csv.gz").getMessage());
        assertEquals("bundle.yaml: reference.peak_flops_per_s needs a number per compute type",
                error("  peak_flops_per_s:\n    bf16: ~", "").getMessage());
    }

    @Test
    void familyEntryWithoutItsFileIsAUserError() {
        assertEquals("bundle.yaml: every entry of families needs family and file",
                error(PEAKS, "- family: gemm").getMessage());
    }

    @Test
    void tableOutsideTheBundleDirectoryIsRefused() {
        assertEquals("bundle.yaml: family gemm: file '../gemm_vllm.csv.gz' must be a file name inside the bundle "
                + "directory", error(PEAKS, "- family: gemm\n  file: ../gemm_vllm.csv.gz").getMessage());
    }
}
