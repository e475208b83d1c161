package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.specs.hf.HfConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A bundled model YAML and the published config.json of the same model give the same numbers. */
class YamlMatchesHfConfigTest {

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({
            "llama-3.1-8b,     meta-llama--Meta-Llama-3.1-8B.json",
            "llama-3.1-70b,    meta-llama--Meta-Llama-3.1-70B.json",
            "llama-3.1-405b,   meta-llama--Meta-Llama-3.1-405B.json",
            "qwen3-32b,        Qwen--Qwen3-32B.json",
            "qwen3-30b-a3b,    Qwen--Qwen3-30B-A3B.json",
            "qwen3-235b-a22b,  Qwen--Qwen3-235B-A22B.json",
            "deepseek-v3,      deepseek-ai--DeepSeek-V3.json",
            "deepseek-r1,      deepseek-ai--DeepSeek-R1.json",
            "mixtral-8x7b,     mistralai--Mixtral-8x7B-v0.1.json",
            "gpt-oss-20b,      openai--gpt-oss-20b.json",
            "gpt-oss-120b,     openai--gpt-oss-120b.json",
            "llama-4-scout,    meta-llama--Llama-4-Scout-17B-16E-Instruct.json",
            "llama-4-maverick, meta-llama--Llama-4-Maverick-17B-128E-Instruct.json",
    })
    void sameSpec(String id, String hfFile) {
        ModelSpec yaml = SpecRegistry.bundled().model(id);
        ModelSpec hf = HfConfigLoader.load(SharedData.hfConfig(hfFile));
        // identity fields differ by design (id, display name, source); everything else must agree
        ModelSpec hfRenamed = new ModelSpec(yaml.id(), yaml.name(), yaml.source(), hf.architecture(),
                hf.hiddenSize(), hf.vocabSize(), hf.tiedEmbeddings(), hf.attention(), hf.intermediateSize(),
                hf.moe(), hf.layers(), hf.defaultQuant(), hf.maxContextTokens());
        assertEquals(yaml, hfRenamed);
    }
}
