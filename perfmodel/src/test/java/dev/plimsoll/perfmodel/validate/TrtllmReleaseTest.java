package dev.plimsoll.perfmodel.validate;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TensorRT-LLM release behind a row's version column, and what it kept in FP8. */
class TrtllmReleaseTest {
    private static MeasuredDeployment row(String id, String version) {
        return new MeasuredDeployment(id, 2, 4, "trtllm", version, "deepseek-ai/DeepSeek-R1", "h200_sxm", false,
                1024, 1024, "fp8_block", "fp8_block", new PoolLayout(8, 1, 1, 1, 8, 0, 4), null, null, 300, 14);
    }

    @Test
    void versionsNameTheEngineTheDynamoRuntimeOrNothing() {
        assertEquals(Optional.of("1.1.0rc2.post2"),
                TrtllmRelease.of(row("x", "1.1.0rc2.post2"), BenchmarkClient.AIPERF));
        assertEquals(Optional.of("1.2.0rc6.post1"), TrtllmRelease.of(row("x", "0.8.1.post1"), BenchmarkClient.AIPERF),
                "Dynamo's tensorrtllm-runtime 0.8 line");
        assertEquals(Optional.of("1.3.0rc1"), TrtllmRelease.of(row("x", "0.9.0"), BenchmarkClient.AIPERF));
        assertEquals(Optional.of("1.1.0rc2.post2"), TrtllmRelease.of(
                row("dsr1_h200_trtllm_fp8_agg_1024x1024_c4_cfg83", ""), BenchmarkClient.INFERENCEX),
                "InferenceX's first results: the configuration's image");
        assertEquals(Optional.empty(), TrtllmRelease.of(row("x", ""), BenchmarkClient.AIPERF));
    }

    @Test
    void releasesBefore13KeepKvBProjInTheCheckpointsFormat() {
        assertTrue(TrtllmRelease.keepsKvBProjInCheckpointFormat("1.1.0rc2.post2"));
        assertTrue(TrtllmRelease.keepsKvBProjInCheckpointFormat("1.2.0rc6.post1"));
        assertFalse(TrtllmRelease.keepsKvBProjInCheckpointFormat("1.3.0rc1"));
        assertFalse(TrtllmRelease.keepsKvBProjInCheckpointFormat("1.3.0rc20"));
        assertTrue(BenchmarkLaunch.kvBProjInCheckpointFormat("trtllm", row("x", "0.8.1.post3"), BenchmarkClient.AIPERF));
        assertFalse(BenchmarkLaunch.kvBProjInCheckpointFormat("sglang", row("x", "0.5.9"), BenchmarkClient.AIPERF));
    }

    @Test
    void releasesBefore11RanNeitherTheFp8EpiloguesNorLlamasFusedAllReduce() {
        assertTrue(BenchmarkLaunch.beforeTrtllmFusions("trtllm", row("x", "1.0.0rc3"), BenchmarkClient.AIPERF));
        assertFalse(BenchmarkLaunch.beforeTrtllmFusions("trtllm", row("x", "1.1.0rc2.post2"), BenchmarkClient.AIPERF));
        assertFalse(BenchmarkLaunch.beforeTrtllmFusions("trtllm", row("x", ""), BenchmarkClient.AIPERF),
                "unknown: today's graph");
    }
}
