package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quantisation labels of measured deployments, and the KV cache each engine then keeps. */
class QuantMappingTest {
    private static final ModelSpec QWEN_32B = TestSpecs.REGISTRY.model("qwen3-32b");
    private static final ModelSpec DEEPSEEK_V3 = TestSpecs.REGISTRY.model("deepseek-v3");

    @Test
    void tensorRtLlmStoresTheKvCacheOfAModelOptFp8CheckpointInFp8() {
        QuantScheme q = QuantMapping.scheme(QWEN_32B, "fp8", "fp8", SchedulerProfile.TRTLLM);
        assertEquals(NumberFormat.FP8, q.linearWeights());
        assertFalse(q.blockScaled());
        assertEquals(NumberFormat.FP8, q.kvCache());
    }

    @Test
    void vllmAndSglangKeepTheModelDtypeForTheKvCache() {
        assertEquals(NumberFormat.BF16, QuantMapping.scheme(QWEN_32B, "fp8", "fp8", SchedulerProfile.VLLM).kvCache());
        assertEquals(NumberFormat.BF16, QuantMapping.scheme(QWEN_32B, "fp8", "fp8", SchedulerProfile.SGLANG).kvCache());
    }

    @Test
    void blockScaledAndUnquantisedDeploymentsKeepTheCheckpointKvCache() {
        QuantScheme block = QuantMapping.scheme(QWEN_32B, "fp8_block", "fp8_block", SchedulerProfile.TRTLLM);
        assertTrue(block.blockScaled());
        assertEquals(NumberFormat.BF16, block.kvCache());
        assertEquals(NumberFormat.BF16, QuantMapping.scheme(QWEN_32B, "", "", SchedulerProfile.TRTLLM).kvCache());
        // DeepSeek's own checkpoint is block-scaled FP8: an "fp8" label serves that checkpoint, not a ModelOpt export
        QuantScheme deepseek = QuantMapping.scheme(DEEPSEEK_V3, "fp8", "fp8", SchedulerProfile.TRTLLM);
        assertEquals(DEEPSEEK_V3.defaultQuant().kvCache(), deepseek.kvCache());
    }

    @Test
    void aFourBitLabelOnACheckpointThatStoresFourBitExpertsMeansTheCheckpointItself() {
        ModelSpec gptOss = TestSpecs.REGISTRY.model("gpt-oss-120b");
        QuantScheme q = QuantMapping.scheme(gptOss, "nvfp4", "nvfp4", SchedulerProfile.VLLM);
        assertEquals(NumberFormat.MXFP4, q.expertWeights(), "gpt-oss ships MXFP4 experts");
        assertEquals(gptOss.defaultQuant().linearWeights(), q.linearWeights(), "attention stays as shipped");
        // a bf16 checkpoint labelled nvfp4 was quantised for the run
        assertEquals(NumberFormat.NVFP4, QuantMapping.scheme(QWEN_32B, "nvfp4", "nvfp4", SchedulerProfile.VLLM)
                .linearWeights());
    }
}
