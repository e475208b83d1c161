package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionKind;
import dev.plimsoll.perfmodel.specs.DsaSpec;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.LayerMixer;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.LinearAttentionSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SharedData;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Qwen3.5 / Qwen3-Next (gated DeltaNet) and GLM-5 / DeepSeek-V3.2 (sparse attention) from config.json. */
class HybridArchitecturesTest {

    @Test
    void qwen35LoadsItsLinearAndFullAttentionLayers() {
        ModelSpec m = HfConfigLoader.load(SharedData.hfConfig("Qwen--Qwen3.5-397B-A17B.json"));
        assertEquals(60, m.numLayers());
        assertEquals(15, m.attentionLayers());
        // layer_types: three linear_attention layers, then one full_attention
        for (int i = 0; i < 60; i++) {
            assertEquals((i + 1) % 4 == 0 ? LayerMixer.ATTENTION : LayerMixer.GATED_DELTA_NET, m.layers().get(i).mixer(),
                    "layer " + i);
            assertEquals(FfnKind.MOE, m.layers().get(i).ffn());
        }
        assertEquals(new LinearAttentionSpec(16, 64, 128, 128, 4, 4.0), m.linearAttention());
        assertEquals(AttentionKind.GQA, m.attention().kind());
        assertEquals(32, m.attention().numHeads());
        assertEquals(2, m.attention().numKvHeads());
        assertEquals(256, m.attention().headDim());
        assertTrue(m.attention().outputGate());
        assertEquals(512, m.moe().numExperts());
        assertEquals(10, m.moe().expertsPerToken());
        assertEquals(1024, m.moe().sharedIntermediateSize());
        // the language model of "397B-A17B" (vision tower and MTP layer left out)
        double total = WeightInventory.totalParams(m) / 1e9;
        double active = WeightInventory.activeParams(m) / 1e9;
        assertTrue(total > 380 && total < 400, "total " + total + " B");
        assertTrue(active > 14 && active < 18, "active " + active + " B");
    }

    @Test
    void qwen3NextWithoutLayerTypesFollowsTheFullAttentionInterval() {
        ModelSpec m = HfConfigLoader.fromJson(qwen3Next("\"full_attention_interval\": 4"), "next.json", null, null);
        assertEquals(List.of(3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47),
                IntStream.range(0, 48).filter(i -> !m.layers().get(i).isLinearAttention()).boxed().toList());
        assertEquals(12, m.attentionLayers());
        assertEquals(2.0, m.linearAttention().stateBytes(), "mamba_ssm_dtype bfloat16");
    }

    @Test
    void qwen3NextWithNeitherPatternIsRefused() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(qwen3Next("\"rms_norm_eps\": 1e-6"), "next.json", null, null));
        assertTrue(e.getMessage().contains("neither layer_types nor full_attention_interval"), e.getMessage());
    }

    @Test
    void missingLinearAttentionFieldIsNamed() {
        String json = qwen3Next("\"full_attention_interval\": 4").replace("\"linear_num_value_heads\": 32,", "");
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(json, "next.json", null, null));
        assertTrue(e.getMessage().startsWith("next.json"), e.getMessage());
        assertTrue(e.getMessage().contains("linear_num_value_heads"), e.getMessage());
    }

    @Test
    void glm5LoadsSparseMla() {
        ModelSpec m = HfConfigLoader.load(SharedData.hfConfig("zhipuai--GLM-5.json"));
        assertEquals(78, m.numLayers());
        assertTrue(m.attention().isSparse());
        assertEquals(new DsaSpec(32, 128, 2048), m.attention().mla().sparse());
        assertEquals(512, m.attention().mla().kvLoraRank());
        assertEquals(3, m.layers().stream().filter(l -> l.ffn() == FfnKind.DENSE).count());
        assertNull(m.linearAttention());
        assertTrue(m.layers().stream().noneMatch(LayerSpec::isLinearAttention));
        // GLM-5: 744B parameters, 40B active (Z.ai's model card); the MTP layer is left out
        double total = WeightInventory.totalParams(m) / 1e9;
        double active = WeightInventory.activeParams(m) / 1e9;
        assertTrue(total > 720 && total < 750, "total " + total + " B");
        assertTrue(active > 36 && active < 42, "active " + active + " B");
    }

    @Test
    void deepSeekV32LoadsSparseAndGlm5WithoutIndexerKeysIsRefused() {
        ModelSpec v32 = HfConfigLoader.fromJson(deepSeek("deepseek_v32",
                "\"index_n_heads\": 64, \"index_head_dim\": 128, \"index_topk\": 2048,"), "v32.json", null, null);
        assertEquals(new DsaSpec(64, 128, 2048), v32.attention().mla().sparse());
        ModelSpec v3 = HfConfigLoader.fromJson(deepSeek("deepseek_v3", ""), "v3.json", null, null);
        assertFalse(v3.attention().isSparse());
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(deepSeek("glm_moe_dsa", "\"index_n_heads\": 32, \"index_head_dim\": 128,"),
                        "glm.json", null, null));
        assertTrue(e.getMessage().startsWith("glm.json") && e.getMessage().contains("index_topk"), e.getMessage());
    }

    @Test
    void linearAttentionLayersOutsideQwenNextAreRefused() {
        String json = "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", \"hidden_size\": 4096, "
                + "\"num_hidden_layers\": 2, \"layer_types\": [\"linear_attention\", \"full_attention\"]}";
        UserInputException e = assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(json, "l.json", null, null));
        assertTrue(e.getMessage().contains("read for Qwen3-Next and Qwen3.5"), e.getMessage());
    }

    /** A Qwen3-Next-80B-A3B-shaped config (its published config.json's figures) plus {@code extra}. */
    private static String qwen3Next(String extra) {
        return "{\"architectures\": [\"Qwen3NextForCausalLM\"], \"model_type\": \"qwen3_next\", "
                + "\"hidden_size\": 2048, \"num_hidden_layers\": 48, \"vocab_size\": 151936, "
                + "\"max_position_embeddings\": 262144, \"num_attention_heads\": 16, \"num_key_value_heads\": 2, "
                + "\"head_dim\": 256, \"linear_num_key_heads\": 16, \"linear_num_value_heads\": 32, "
                + "\"linear_key_head_dim\": 128, \"linear_value_head_dim\": 128, \"linear_conv_kernel_dim\": 4, "
                + "\"mamba_ssm_dtype\": \"bfloat16\", \"num_experts\": 512, \"num_experts_per_tok\": 10, "
                + "\"moe_intermediate_size\": 512, \"shared_expert_intermediate_size\": 512, " + extra + "}";
    }

    /** A small DeepSeek-V3-shaped config of {@code modelType} plus {@code extra} keys. */
    private static String deepSeek(String modelType, String extra) {
        return "{\"architectures\": [\"X\"], \"model_type\": \"" + modelType + "\", " + extra
                + " \"hidden_size\": 7168, \"num_hidden_layers\": 4, \"vocab_size\": 129280, "
                + "\"max_position_embeddings\": 163840, \"num_attention_heads\": 128, \"q_lora_rank\": 1536, "
                + "\"kv_lora_rank\": 512, \"qk_nope_head_dim\": 128, \"qk_rope_head_dim\": 64, \"v_head_dim\": 128, "
                + "\"intermediate_size\": 18432, \"moe_intermediate_size\": 2048, \"n_routed_experts\": 256, "
                + "\"n_shared_experts\": 1, \"num_experts_per_tok\": 8, \"first_k_dense_replace\": 3}";
    }
}
