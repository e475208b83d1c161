package dev.plimsoll.perfmodel.specs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.nio.charset.StandardCharsets;

/** Fuzzes the hardware spec YAML reader; seeds are the shipped hardware-specs (GpuSpecYamlFuzzTestInputs). */
class GpuSpecYamlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void gpuSpecYaml(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> GpuSpecYaml.parse(yaml, "gpu.yaml"));
    }
}
