package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QkNorm;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.SharedData;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HfConfigLoaderTest {
    /**
     * Configs Plimsoll refuses, with the phrase their message must carry: none of the shared ones since
     * GLM-5 and Qwen3.5 load (HybridArchitecturesTest).
     */
    private static final Map<String, String> REFUSED = Map.of();

    static List<String> sharedConfigFiles() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.hfConfigs())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Every file of shared/data/hf-configs loads, or fails with one line saying why. */
    @ParameterizedTest
    @MethodSource("sharedConfigFiles")
    void everySharedConfigLoadsOrIsRefusedWithAReason(String file) {
        Path p = SharedData.hfConfig(file);
        if (file.endsWith(".hf_quant_config.json")) {
            UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(p));
            assertEquals(p + ": this is a quantisation config, not a model config.json; pass the directory holding "
                    + "config.json and hf_quant_config.json", e.getMessage());
            return;
        }
        if (REFUSED.containsKey(file)) {
            UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(p));
            assertTrue(e.getMessage().startsWith(p + ": " + REFUSED.get(file)), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            return;
        }
        ModelSpec m = HfConfigLoader.load(p);
        assertEquals(file.replace(".json", "").replace("--", "/"), m.name());
        assertTrue(WeightInventory.totalParams(m) >= WeightInventory.activeParams(m));
        assertTrue(WeightInventory.activeParams(m) > 500_000_000L, file);
    }

    @Test
    void modelOptQuantConfigBesideTheConfigSetsWeightsAndKvCache() {
        ModelSpec nvfp4 = HfConfigLoader.load(SharedData.hfConfig("nvidia--DeepSeek-V3.1-NVFP4.json"));
        assertEquals(QuantPresets.get("nvfp4", "fp8"), nvfp4.defaultQuant());
        assertTrue(nvfp4.source().endsWith("nvidia--DeepSeek-V3.1-NVFP4.hf_quant_config.json"), nvfp4.source());
        ModelSpec fp8 = HfConfigLoader.load(SharedData.hfConfig("nvidia--Llama-3.1-70B-Instruct-FP8.json"));
        assertEquals(QuantPresets.get("fp8", "fp8"), fp8.defaultQuant());
    }

    @Test
    void directoryWithConfigAndQuantConfig(@TempDir Path dir) throws IOException {
        Files.copy(SharedData.hfConfig("Qwen--Qwen3-32B.json"), dir.resolve("config.json"));
        Files.copy(SharedData.hfConfig("Qwen--Qwen3-32B-FP8-Static-PerTensor.hf_quant_config.json"),
                dir.resolve("hf_quant_config.json"));
        ModelSpec m = HfConfigLoader.load(dir);
        assertEquals(QuantPresets.get("fp8", "fp8"), m.defaultQuant(), "per-tensor FP8 weights, FP8 KV cache");
        assertEquals(dir.toString(), m.id());
        assertEquals(64, m.numLayers());
        ModelSpec viaFile = HfConfigLoader.load(dir.resolve("config.json"));
        assertEquals(m.defaultQuant(), viaFile.defaultQuant(), "config.json picks up its sibling quant config");
    }

    @Test
    void directoryWithoutConfigIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hf_quant_config.json"), "{}");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.load(dir));
        assertEquals(dir + ": no config.json in this directory (a model directory needs the Hugging Face "
                + "config.json, optionally with hf_quant_config.json)", e.getMessage());
    }

    @Test
    void quantizationConfigInsideConfigJson() {
        assertEquals(QuantPresets.get("fp8-block"),
                HfConfigLoader.load(SharedData.hfConfig("Qwen--Qwen3-32B-FP8.json")).defaultQuant());
        assertEquals(QuantPresets.get("fp8-block"),
                HfConfigLoader.load(SharedData.hfConfig("Qwen--Qwen3-235B-A22B-FP8.json")).defaultQuant(),
                "router and norms are excluded, which every scheme keeps in bf16 anyway");
        ModelSpec oss = HfConfigLoader.load(SharedData.hfConfig("openai--gpt-oss-120b.json"));
        assertEquals("mxfp4-experts", oss.defaultQuant().name());
        assertEquals(NumberFormat.BF16, oss.defaultQuant().linearWeights());
        assertEquals(NumberFormat.MXFP4, oss.defaultQuant().expertWeights());
    }

    @Test
    void kimiK25IsDeepSeekWithInt4ExpertsInsideTextConfig() {
        ModelSpec k = HfConfigLoader.load(SharedData.hfConfig("moonshotai--Kimi-K2.5.json"));
        assertEquals("KimiK25ForConditionalGeneration", k.architecture());
        assertTrue(k.attention().isMla());
        assertEquals(384, k.moe().numExperts());
        assertEquals(FfnKind.DENSE, k.layers().get(0).ffn(), "first_k_dense_replace 1");
        assertEquals(FfnKind.MOE, k.layers().get(1).ffn());
        assertEquals("int4-experts", k.defaultQuant().name(), "attention, shared experts and dense MLP ignored");
        assertEquals(NumberFormat.INT4, k.defaultQuant().expertWeights());
        // Moonshot: 1 T total, 32 B activated
        assertEquals(1.03e12, WeightInventory.totalParams(k), 0.02e12);
        assertEquals(32.9e9, WeightInventory.activeParams(k), 0.5e9);
    }

    @Test
    void llama4ChunkedAndMoeLayersFromDefaults() {
        ModelSpec scout = HfConfigLoader.load(SharedData.hfConfig("meta-llama--Llama-4-Scout-17B-16E-Instruct.json"));
        assertEquals(AttentionWindow.chunked(8192), scout.layers().get(0).window());
        assertEquals(AttentionWindow.FULL, scout.layers().get(3).window());
        assertEquals(0, scout.intermediateSize(), "every layer MoE: no dense width carried");
        assertEquals(1, scout.moe().numSharedExperts());
    }

    @Test
    void minimaxM2LoadsAsAllMoeGqa() {
        ModelSpec m = HfConfigLoader.load(SharedData.hfConfig("MiniMaxAI--MiniMax-M2.5.json"));
        assertEquals(62, m.numLayers());
        assertTrue(m.layers().stream().allMatch(l -> l.ffn() == FfnKind.MOE && l.window().isFull()));
        assertEquals(1536, m.moe().expertIntermediateSize());
        assertEquals(0, m.moe().numSharedExperts());
        assertEquals("fp8-block", m.defaultQuant().name());
        assertEquals(QkNorm.ACROSS_HEADS, m.attention().qkNorm(), "use_qk_norm with qk_norm_type per_layer");
    }

    @Test
    void qwen3FamiliesNormEachHeadAndLlamaNone() {
        for (String f : List.of("Qwen--Qwen3-32B.json", "Qwen--Qwen3-235B-A22B-FP8.json", "Qwen--Qwen3.5-397B-A17B.json")) {
            assertEquals(QkNorm.PER_HEAD, HfConfigLoader.load(SharedData.hfConfig(f)).attention().qkNorm(), f);
        }
        for (String f : List.of("meta-llama--Meta-Llama-3.1-8B.json", "openai--gpt-oss-120b.json",
                "meta-llama--Llama-4-Scout-17B-16E-Instruct.json")) {
            assertEquals(QkNorm.NONE, HfConfigLoader.load(SharedData.hfConfig(f)).attention().qkNorm(), f);
        }
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson("{\n  \"hidden_size\": 4096,\n  \"vocab_size\": ,\n}", "bad.json",
                        null, null));
        assertTrue(e.getMessage().startsWith("bad.json:3:17: malformed JSON: "), e.getMessage());
    }

    @Test
    void unsupportedArchitectureNamesItAndListsWhatLoads() {
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.fromJson(
                "{\"architectures\": [\"Gemma3ForCausalLM\"], \"model_type\": \"gemma3_text\", \"hidden_size\": 2560}",
                "gemma.json", null, null));
        assertTrue(e.getMessage().startsWith("gemma.json: unsupported architecture 'Gemma3ForCausalLM' (model_type "
                + "'gemma3_text'): Plimsoll reads the config.json of Llama, Mistral"), e.getMessage());
    }

    @Test
    void unknownQuantMethodIsAnError() {
        String json = llama("\"quantization_config\": {\"quant_method\": \"bitsandbytes\"}");
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(json, "bnb.json", null, null));
        assertTrue(e.getMessage().matches("bnb\\.json:\\d+:\\d+: quantization_config\\.quant_method 'bitsandbytes' "
                + "is not supported; .*"), e.getMessage());
    }

    @Test
    void compressedTensorsAndFbgemmFp8() {
        String w8a8 = llama("\"quantization_config\": {\"quant_method\": \"compressed-tensors\", \"config_groups\": "
                + "{\"group_0\": {\"targets\": [\"Linear\"], \"weights\": {\"num_bits\": 8, \"type\": \"float\", "
                + "\"strategy\": \"channel\"}, \"input_activations\": {\"num_bits\": 8, \"type\": \"float\"}}}, "
                + "\"ignore\": [\"lm_head\"], \"kv_cache_scheme\": {\"num_bits\": 8, \"type\": \"float\"}}");
        assertEquals(QuantPresets.get("fp8", "fp8"), HfConfigLoader.fromJson(w8a8, "ct.json", null, null)
                .defaultQuant());
        String fbgemm = llama("\"quantization_config\": {\"quant_method\": \"fbgemm_fp8\", "
                + "\"modules_to_not_convert\": [\"lm_head\"]}");
        assertEquals(QuantPresets.get("fp8"), HfConfigLoader.fromJson(fbgemm, "fb.json", null, null).defaultQuant());
        String awq = llama("\"quantization_config\": {\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 128}");
        assertEquals(QuantPresets.get("int4"), HfConfigLoader.fromJson(awq, "awq.json", null, null).defaultQuant());
    }

    @Test
    void modelOptAlgorithms() {
        String cfg = llama(null);
        assertEquals(QuantPresets.get("w4a8"), HfConfigLoader.fromJson(cfg, "c.json",
                "{\"quantization\": {\"quant_algo\": \"W4A8_AWQ\"}}", "q.json").defaultQuant());
        assertEquals(QuantPresets.get("bf16", "fp8"), HfConfigLoader.fromJson(cfg, "c.json",
                "{\"quantization\": {\"quant_algo\": null, \"kv_cache_quant_algo\": \"FP8\"}}", "q.json")
                .defaultQuant(), "KV-cache-only checkpoint");
        UserInputException e = assertThrows(UserInputException.class, () -> HfConfigLoader.fromJson(cfg, "c.json",
                "{\"quantization\": {\"quant_algo\": \"MIXED_PRECISION\"}}", "q.json"));
        assertTrue(e.getMessage().startsWith("q.json:1:33: quantization.quant_algo 'MIXED_PRECISION' is not "
                + "supported"), e.getMessage());
    }

    @Test
    void slidingWindowRules() {
        String mistral = "{\"architectures\": [\"MistralForCausalLM\"], \"model_type\": \"mistral\", "
                + "\"hidden_size\": 4096, \"intermediate_size\": 14336, \"num_attention_heads\": 32, "
                + "\"num_key_value_heads\": 8, \"num_hidden_layers\": 32, \"vocab_size\": 32000, "
                + "\"max_position_embeddings\": 32768, \"sliding_window\": 4096}";
        ModelSpec m = HfConfigLoader.fromJson(mistral, "mistral.json", null, null);
        assertTrue(m.layers().stream().allMatch(l -> l.window().equals(AttentionWindow.sliding(4096))));
        assertEquals(128, m.attention().headDim(), "hidden_size / num_attention_heads");

        String qwen2 = "{\"architectures\": [\"Qwen2ForCausalLM\"], \"model_type\": \"qwen2\", "
                + "\"hidden_size\": 1024, \"intermediate_size\": 2816, \"num_attention_heads\": 16, "
                + "\"num_key_value_heads\": 16, \"num_hidden_layers\": 24, \"vocab_size\": 151936, "
                + "\"max_position_embeddings\": 32768, \"sliding_window\": 4096, \"use_sliding_window\": true, "
                + "\"max_window_layers\": 21, \"tie_word_embeddings\": true}";
        ModelSpec q = HfConfigLoader.fromJson(qwen2, "qwen2.json", null, null);
        assertEquals(AttentionWindow.FULL, q.layers().get(20).window());
        assertEquals(AttentionWindow.sliding(4096), q.layers().get(21).window());
        assertTrue(q.attention().qkvBias(), "Qwen2 carries q/k/v biases without an attention_bias key");
        assertTrue(q.tiedEmbeddings());
        ModelSpec off = HfConfigLoader.fromJson(qwen2.replace("\"use_sliding_window\": true",
                "\"use_sliding_window\": false"), "qwen2.json", null, null);
        assertTrue(off.layers().stream().allMatch(l -> l.window().isFull()));
    }

    @Test
    void moeLayerSpacingRules() {
        String qwen2Moe = "{\"architectures\": [\"Qwen2MoeForCausalLM\"], \"model_type\": \"qwen2_moe\", "
                + "\"hidden_size\": 2048, \"intermediate_size\": 5632, \"moe_intermediate_size\": 1408, "
                + "\"shared_expert_intermediate_size\": 5632, \"num_experts\": 60, \"num_experts_per_tok\": 4, "
                + "\"decoder_sparse_step\": 2, \"mlp_only_layers\": [3], \"num_attention_heads\": 16, "
                + "\"num_hidden_layers\": 8, \"vocab_size\": 151936, \"max_position_embeddings\": 8192}";
        ModelSpec q = HfConfigLoader.fromJson(qwen2Moe, "qwen2moe.json", null, null);
        List<FfnKind> ffn = q.layers().stream().map(l -> l.ffn()).collect(Collectors.toList());
        assertEquals(List.of(FfnKind.DENSE, FfnKind.MOE, FfnKind.DENSE, FfnKind.DENSE, FfnKind.DENSE, FfnKind.MOE,
                FfnKind.DENSE, FfnKind.MOE), ffn, "(i + 1) % 2 == 0, except mlp_only_layers [3]");
        assertEquals(5632, q.intermediateSize());
        assertEquals(1, q.moe().numSharedExperts());
        assertEquals(5632, q.moe().sharedIntermediateSize());

        String v2Lite = "{\"architectures\": [\"DeepseekV2ForCausalLM\"], \"model_type\": \"deepseek_v2\", "
                + "\"hidden_size\": 2048, \"intermediate_size\": 10944, \"moe_intermediate_size\": 1408, "
                + "\"n_routed_experts\": 64, \"n_shared_experts\": 2, \"num_experts_per_tok\": 6, "
                + "\"first_k_dense_replace\": 1, \"moe_layer_freq\": 1, \"num_attention_heads\": 16, "
                + "\"num_key_value_heads\": 16, \"num_hidden_layers\": 27, \"vocab_size\": 102400, "
                + "\"max_position_embeddings\": 163840, \"q_lora_rank\": null, \"kv_lora_rank\": 512, "
                + "\"qk_nope_head_dim\": 128, \"qk_rope_head_dim\": 64, \"v_head_dim\": 128}";
        ModelSpec d = HfConfigLoader.fromJson(v2Lite, "v2lite.json", null, null);
        assertEquals(0, d.attention().mla().qLoraRank(), "q_lora_rank null: queries not compressed");
        assertEquals(2, d.moe().numSharedExperts());
        // DeepSeek-V2-Lite: 15.7 B total, 2.4 B activated (model card)
        assertEquals(15.7e9, WeightInventory.totalParams(d), 0.2e9);
        assertEquals(2.4e9, WeightInventory.activeParams(d) - WeightInventory.embeddingElements(d), 0.2e9);

        String llama4 = "{\"architectures\": [\"Llama4ForConditionalGeneration\"], \"model_type\": \"llama4\", "
                + "\"text_config\": {\"model_type\": \"llama4_text\", \"hidden_size\": 1024, "
                + "\"intermediate_size\": 512, \"intermediate_size_mlp\": 2048, \"num_local_experts\": 4, "
                + "\"num_experts_per_tok\": 1, \"num_attention_heads\": 8, \"num_key_value_heads\": 2, "
                + "\"head_dim\": 128, \"num_hidden_layers\": 4, \"vocab_size\": 1000, "
                + "\"max_position_embeddings\": 8192, \"attention_chunk_size\": 256, "
                + "\"no_rope_layers\": [1, 0, 1, 1], \"moe_layers\": [0, 2]}}";
        ModelSpec l4 = HfConfigLoader.fromJson(llama4, "l4.json", null, null);
        assertEquals(List.of(AttentionWindow.chunked(256), AttentionWindow.FULL, AttentionWindow.chunked(256),
                AttentionWindow.chunked(256)), l4.layers().stream().map(l -> l.window()).collect(Collectors.toList()));
        assertEquals(List.of(FfnKind.MOE, FfnKind.DENSE, FfnKind.MOE, FfnKind.DENSE),
                l4.layers().stream().map(l -> l.ffn()).collect(Collectors.toList()));
        assertEquals(2048, l4.intermediateSize());

        String dense = llama(null);
        assertNull(HfConfigLoader.fromJson(dense, "d.json", null, null).moe());
    }

    /** A small Llama config.json with an optional extra top-level entry. */
    private static String llama(String extra) {
        return "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", \"hidden_size\": 1024, "
                + "\"intermediate_size\": 4096, \"num_attention_heads\": 8, \"num_key_value_heads\": 8, "
                + "\"num_hidden_layers\": 4, \"vocab_size\": 32000, \"max_position_embeddings\": 4096"
                + (extra == null ? "" : ", " + extra) + "}";
    }
}
