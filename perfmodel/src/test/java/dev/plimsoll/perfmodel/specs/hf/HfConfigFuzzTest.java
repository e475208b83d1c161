package dev.plimsoll.perfmodel.specs.hf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the Hugging Face config.json reader (architecture, layer rules and the
 * quantization_config inside config.json); seeds are published configs from
 * ../shared/data/hf-configs (HfConfigFuzzTestInputs).
 */
class HfConfigFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void configJson(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> HfConfigLoader.fromJson(json, "config.json", null, null));
    }
}
