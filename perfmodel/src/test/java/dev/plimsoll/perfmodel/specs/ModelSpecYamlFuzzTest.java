package dev.plimsoll.perfmodel.specs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.nio.charset.StandardCharsets;

/** Fuzzes the model spec YAML reader; seeds are shipped model-specs (ModelSpecYamlFuzzTestInputs). */
class ModelSpecYamlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void modelSpecYaml(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> ModelSpecYaml.parse(yaml, "model.yaml"));
    }
}
