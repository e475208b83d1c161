package dev.plimsoll.perfmodel.specs;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plimsoll.perfmodel.error.ReaderContract;

import java.nio.charset.StandardCharsets;

/** Fuzzes the model spec YAML reader; seeds are shipped model-specs (ModelSpecYamlFuzzTestInputs). */
class ModelSpecYamlFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"kind: mla", "kind: gqa", "mla:", "q_lora_rank:", "kv_lora_rank:", "dense_first:",
            "dense_layers:", "ffn_pattern:", "window_pattern:", "sliding ", "chunked ", "full", "moe", "dense",
            "default_quant:", "preset:", "scope:", "kv_cache:", "experts", "linear", "num_shared_experts:",
            "shared_intermediate_size:", "2147483647", "-1", ".inf", "~", "&a", "*a", "!!binary"})
    void modelSpecYaml(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> ModelSpecYaml.parse(yaml, "model.yaml"));
    }
}
