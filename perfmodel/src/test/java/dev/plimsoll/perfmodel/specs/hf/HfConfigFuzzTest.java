package dev.plimsoll.perfmodel.specs.hf;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
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
    @DictionaryEntries({"\"text_config\"", "\"layer_types\"", "\"linear_attention\"",
            "\"chunked_attention\"", "\"sliding_attention\"", "\"attention_chunk_size\"", "\"no_rope_layers\"",
            "\"moe_layers\"", "\"interleave_moe_layer_step\"", "\"mlp_only_layers\"", "\"decoder_sparse_step\"",
            "\"first_k_dense_replace\"", "\"moe_layer_freq\"", "\"max_window_layers\"", "\"use_sliding_window\"",
            "\"attn_type_list\"", "\"index_topk\"", "\"quantization_config\"", "\"quant_method\"",
            "\"compressed-tensors\"", "\"config_groups\"", "\"input_activations\"", "\"kv_cache_scheme\"",
            "\"num_bits\"", "\"re:", "\"modules_to_not_convert\"", "\"weight_block_size\"", "\"modelopt\"",
            "\"awq\"", "\"gptq\"", "\"mxfp4\"", "\"fbgemm_fp8\"", "\"llama4_text\"", "\"qwen3_moe\"",
            "\"deepseek_v3\"", "\"gpt_oss\"", "\"mixtral\"", "\"minimax_m2\"", "\"qwen2\"", "2147483647", "-1", "1e400"})
    void configJson(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        ReaderContract.holds(() -> HfConfigLoader.fromJson(json, "config.json", null, null));
    }
}
