package dev.plimsoll.perfmodel.specs.hf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the ModelOpt hf_quant_config.json reader beside a fixed, valid MoE config.json (Qwen3-30B-A3B,
 * so that exclusion lists are scoped against attention, dense and expert modules); seeds are the
 * published quant configs from ../shared/data/hf-configs (HfQuantConfigFuzzTestInputs).
 */
class HfQuantConfigFuzzTest {
    private static final String CONFIG = resource("Qwen--Qwen3-30B-A3B.config.json");

    @FuzzTest(maxDuration = "10s")
    void quantConfigJson(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> HfConfigLoader.fromJson(CONFIG, "config.json", json, "hf_quant_config.json"));
    }

    private static String resource(String name) {
        try (InputStream in = HfQuantConfigFuzzTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
