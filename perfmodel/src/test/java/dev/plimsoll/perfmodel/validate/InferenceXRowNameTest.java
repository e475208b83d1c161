package dev.plimsoll.perfmodel.validate;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceXRowNameTest {

    private static MeasuredDeployment row(String id, String modelPath, String backend) {
        return new MeasuredDeployment(id, 2, 8, backend, "", modelPath, "h200_sxm", false, 1024, 1024, "fp8", "fp8",
                new PoolLayout(8, 1, 1, 1, 8, 1, 8), null, null, 100, 10);
    }

    @Test
    void namesBuiltFromAConfigurationsPrefixRunnerAndFrameworkAreInferenceX() {
        assertTrue(InferenceXRowName.matches("dsr1_h200_sglang_fp8_agg_1024x1024_c4_cfg81"));
        assertTrue(InferenceXRowName.matches("minimaxm2_5_h200_vllm_fp8_agg_8192x1024_c8_cfg606"));
        assertTrue(InferenceXRowName.matches("gptoss_b200_trtllm_fp4_agg_1024x1024_c4_cfg1"));
    }

    @Test
    void otherNamesAreNot() {
        assertFalse(InferenceXRowName.matches("qwen_qwen3_235b_a22b_fp8_qwen_qwen3_235b_a22b_fp8_h200_sxm_vllm_agg_1000x100_c4"));
        assertFalse(InferenceXRowName.matches("kimi_k2_5_gap_analysis_kimi_k2_5_gap_analysis_h200_sxm_vllm_int4_agg_1"));
        // a prefix alone is not enough: the runner must follow it
        assertFalse(InferenceXRowName.matches("dsr1_sglang_fp8_agg_1024x1024_c4"));
        assertFalse(InferenceXRowName.matches("llama_h200_vllm_fp8_agg_1024x1024_c4"));
    }

    @Test
    void thePrefixNamesTheRepositoryTheConfigurationServes() {
        assertEquals(Optional.of("deepseek-ai/DeepSeek-R1"), InferenceXRowName.modelPath("dsr1_h200_trtllm_fp8_agg_1024x1024_c4_cfg83"));
        assertEquals(Optional.of("MiniMaxAI/MiniMax-M2.5"), InferenceXRowName.modelPath("minimaxm2_5_h200_vllm_fp8_agg_1k_cfg1"));
        assertEquals(Optional.empty(), InferenceXRowName.modelPath("row"));
    }

    @Test
    void suchRowsAreMeasuredByInferenceXsClient() {
        assertEquals(BenchmarkClient.INFERENCEX,
                BenchmarkClient.of(row("dsr1_h200_sglang_fp8_agg_1024x1024_c4_cfg81", "deepseek-ai/DeepSeek-V3", "sglang")));
        assertEquals(BenchmarkClient.AIPERF,
                BenchmarkClient.of(row("deepseek_v3_h200_sglang_agg_1024x1024_c4", "deepseek-ai/DeepSeek-V3", "sglang")));
    }

    @Test
    void theScriptOfTheNamedConfigurationLaunchedTheRowWhateverItsModelColumnSays() {
        MeasuredDeployment named = row("dsr1_h200_sglang_fp8_agg_1024x1024_c4_cfg81", "deepseek-ai/DeepSeek-V3", "sglang");
        assertEquals("dsr1_fp8_h200.sh", InferenceXScripts.of(named).orElseThrow().file());
        MeasuredDeployment unnamed = row("2026_03_25_deepseek_v3_h200_sxm_sglang_fp8_agg_1024x1024_c4", "deepseek-ai/DeepSeek-V3",
                "sglang");
        assertTrue(InferenceXScripts.of(unnamed).isEmpty());
    }
}
