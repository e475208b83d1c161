package dev.plimsoll.perfmodel.specs.hf;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.json and hf_quant_config.json inputs that once crashed the reader (found by HfConfigFuzzTest and HfQuantConfigFuzzTest). */
class HfMalformedConfigTest {
    private static final String LLAMA = """
            {
              "architectures": ["LlamaForCausalLM"],
              "model_type": "llama",
              "hidden_size": 4096,
              "intermediate_size": 14336,
              "num_attention_heads": 32,
              "num_key_value_heads": 8,
              "num_hidden_layers": %s,
              "vocab_size": 128256,
              "max_position_embeddings": 131072
            }
            """;

    private static UserInputException error(String config, String quant) {
        return assertThrows(UserInputException.class,
                () -> HfConfigLoader.fromJson(config, "config.json", quant, "hf_quant_config.json"));
    }

    @Test
    void moreExpertsPerTokenThanExpertsIsAUserError() {
        String gptOss = """
                {
                  "architectures": ["GptOssForCausalLM"],
                  "model_type": "gpt_oss",
                  "hidden_size": 2880,
                  "intermediate_size": 2880,
                  "num_attention_heads": 64,
                  "num_key_value_heads": 8,
                  "head_dim": 64,
                  "num_hidden_layers": 2,
                  "num_local_experts": 3,
                  "experts_per_token": 4,
                  "vocab_size": 201088,
                  "max_position_embeddings": 131072
                }
                """;
        assertEquals("config.json:1:1: MoE needs 0 < experts per token <= experts, got 4 of 3",
                error(gptOss, null).getMessage());
    }

    @Test
    void anExclusionEntryThatIsNoRegularExpressionIsAUserError() {
        String quant = "{\"quant_algo\": \"FP8_BLOCK_SCALES\", \"exclude_modules\": [\"re:.**gate$\"]}";
        assertEquals("module pattern 're:.**gate$' is not a regular expression: Dangling meta character '*' "
                + "at index 2", error(LLAMA.formatted(32), quant).getMessage());
    }

    @Test
    void aLayerCountNoModelHasIsRefusedBeforeTheLayersAreBuilt() {
        assertEquals("config.json:8:24: num_hidden_layers (2000000000) exceeds 10000 layers, more than any model has",
                error(LLAMA.formatted(2_000_000_000), null).getMessage());
    }

    /**
     * HfQuantConfigFuzzTest ran at a dozen inputs a second on exclusion globs with runs of stars,
     * which as regular expressions backtrack over every dotted sub-path of every module. The
     * matcher without backtracking gives the same answers.
     */
    @Test
    void globsWithRunsOfStarsMatchLikeOneStar() {
        assertTrue(ModulePatterns.globMatches("model.layer*******f_attn.kv_b_proj", "model.layers.3.self_attn.kv_b_proj"));
        assertFalse(ModulePatterns.globMatches("model.layer*******f_attn.kv_b_proj", "model.layers.3.self_attn.q_proj"));
        assertTrue(ModulePatterns.globMatches("*experts*", "experts"));
        assertTrue(ModulePatterns.globMatches("layers.?.mlp*", "layers.7.mlp.gate"));
        assertFalse(ModulePatterns.globMatches("layers.?.mlp*", "layers.17.mlp.gate"));
        assertFalse(ModulePatterns.globMatches("*a", "ab"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(ModulePatterns.globMatches(
                "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(200))));
    }
}
