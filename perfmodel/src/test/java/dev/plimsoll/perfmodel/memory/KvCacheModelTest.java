package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KvCacheModelTest {
    @Test
    void llama8bCaches128KibPerTokenInBf16() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        // 32 layers x (K + V) x 8 KV heads x 128 dims x 2 bytes
        assertEquals(128 * 1024, KvCacheModel.modelBytesPerToken(llama, NumberFormat.BF16));
        assertEquals(64 * 1024, KvCacheModel.modelBytesPerToken(llama, NumberFormat.FP8));
    }

    @Test
    void deepSeekMlaCachesTheLatentOnly() {
        ModelSpec ds = TestSpecs.model("deepseek-v3");
        // 61 layers x (512 latent + 64 rope) x 2 bytes = 68.6 KiB
        assertEquals(70_272, KvCacheModel.modelBytesPerToken(ds, NumberFormat.BF16));
        assertEquals(68.6, KvCacheModel.modelBytesPerToken(ds, NumberFormat.BF16) / 1024, 0.05);
        // the latent is not split by tensor parallelism
        assertEquals(70_272, KvCacheModel.of(ds, Parallelism.tp(8), NumberFormat.BF16).fullBytesPerToken());
    }

    @Test
    void tensorParallelSplitsKvHeadsUntilOnePerGpu() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        assertEquals(32 * 2 * 4 * 128 * 2, KvCacheModel.of(llama, Parallelism.tp(2), NumberFormat.BF16).fullBytesPerToken());
        assertEquals(32 * 2 * 1 * 128 * 2, KvCacheModel.of(llama, Parallelism.tp(8), NumberFormat.BF16).fullBytesPerToken());
        assertEquals(32 * 2 * 1 * 128 * 2, KvCacheModel.of(llama, Parallelism.tp(16), NumberFormat.BF16).fullBytesPerToken());
    }

    @Test
    void pipelineStagesHoldTheirLayersOnly() {
        ModelSpec llama = TestSpecs.model("llama-3.1-8b");
        assertEquals(16 * 2 * 8 * 128 * 2, KvCacheModel.of(llama, new Parallelism(1, 2, 1, 1), NumberFormat.BF16)
                .fullBytesPerToken());
    }

    @Test
    void slidingLayersCostAWindowPerRequest() {
        ModelSpec oss = TestSpecs.model("gpt-oss-120b");
        KvCacheModel kv = KvCacheModel.of(oss, Parallelism.SINGLE, NumberFormat.BF16);
        double perLayer = 2 * 8 * 64 * 2;
        assertEquals(18 * perLayer, kv.fullBytesPerToken());
        assertEquals(18 * perLayer, kv.windowedBytesPerToken());
        assertEquals(128, kv.windowTokens());
        assertEquals(18 * perLayer * 10_000 + 18 * perLayer * 128, kv.requestBytes(10_000));
    }
}
