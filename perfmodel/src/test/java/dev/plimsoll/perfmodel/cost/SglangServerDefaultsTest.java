package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.SglangServerDefaults.MemoryLaunch;
import dev.plimsoll.perfmodel.cost.SglangServerDefaults.ReserveRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SGLang's GPU-memory classes (server_args.py at v0.5.1.post1 and v0.5.3-v0.5.9) applied to the bundled GPUs. */
class SglangServerDefaultsTest {
    private static final long GIB = 1L << 30;

    @Test
    void theChunkedPrefillDefaultFollowsTheGpuMemoryClass() {
        assertEquals(2048, SglangServerDefaults.chunkedPrefillSize(24 * GIB), "L4: under 35 GiB");
        assertEquals(4096, SglangServerDefaults.chunkedPrefillSize(48 * GIB), "L40S: under 60 GiB");
        assertEquals(8192, SglangServerDefaults.chunkedPrefillSize(80 * GIB), "H100: under 90 GiB");
        assertEquals(8192, SglangServerDefaults.chunkedPrefillSize(141 * GIB), "H200: under 160 GiB");
        assertEquals(16384, SglangServerDefaults.chunkedPrefillSize(180 * GIB), "B200: 160 GiB and more");
        assertEquals(8192, SglangServerDefaults.chunkedPrefillSize(48 * GIB, ReserveRule.PER_MEMORY_CLASS),
                "before v0.5.3 there was no 4k class");
    }

    @Test
    void theReleaseDecidesTheReserveRule() {
        assertEquals(ReserveRule.PER_MEMORY_CLASS, ReserveRule.of("0.5.1.post1"));
        assertEquals(ReserveRule.PER_MEMORY_CLASS, ReserveRule.of("v0.5.2"));
        assertEquals(ReserveRule.PER_MEMORY_CLASS, ReserveRule.of("0.4.10"));
        assertEquals(ReserveRule.ACTIVATIONS_AND_GRAPHS, ReserveRule.of("0.5.3"));
        assertEquals(ReserveRule.ACTIVATIONS_AND_GRAPHS, ReserveRule.of("0.5.6.post2"));
        assertEquals(ReserveRule.ACTIVATIONS_AND_GRAPHS, ReserveRule.of("0.5.10"));
        assertEquals(ReserveRule.ACTIVATIONS_AND_GRAPHS, ReserveRule.of("glm5-hopper"), "a custom image: current");
        assertEquals(ReserveRule.ACTIVATIONS_AND_GRAPHS, ReserveRule.of(""), "no version: current");
    }

    @Test
    void theCudaGraphDefaultGrewWithV053() {
        assertEquals(160, SglangServerDefaults.cudaGraphMaxBs(80 * GIB, 8, ReserveRule.PER_MEMORY_CLASS));
        assertEquals(80, SglangServerDefaults.cudaGraphMaxBs(24 * GIB, 4, ReserveRule.PER_MEMORY_CLASS));
        assertEquals(256, SglangServerDefaults.cudaGraphMaxBs(141 * GIB, 2, ReserveRule.ACTIVATIONS_AND_GRAPHS));
        assertEquals(512, SglangServerDefaults.cudaGraphMaxBs(80 * GIB, 4, ReserveRule.ACTIVATIONS_AND_GRAPHS));
        assertEquals(512, SglangServerDefaults.cudaGraphMaxBs(180 * GIB, 1, ReserveRule.ACTIVATIONS_AND_GRAPHS));
        assertEquals(32, SglangServerDefaults.cudaGraphMaxBs(48 * GIB, 1, ReserveRule.ACTIVATIONS_AND_GRAPHS));
    }

    @Test
    void beforeV053TheStaticMemoryFractionLeavesTheClassReserve() {
        assertEquals(0.875, fraction(80, 1, 1, 0, "0.5.1.post1"), 1e-9, "(80 - 10) / 80");
        assertEquals(0.831, fraction(80, 8, 1, 0, "0.5.1.post1"), 1e-9, "(80 - 13.5) / 80");
        assertEquals(0.887, fraction(141, 8, 1, 0, "0.5.2"), 1e-9, "(141 - 16) / 141");
        assertEquals(0.822, fraction(180, 8, 1, 0, "0.5.1"), 1e-9, "(180 - 32) / 180");
        assertEquals(0.8, fraction(180, 8, 8, 0, "0.5.1"), 1e-9, "+4 GiB with DP attention");
    }

    @Test
    void fromV053TheReserveIsTheChunkTheGraphsAndTheGpus() {
        // 512 + 8192 x 1.5 + 512 x 2 + 8 / 8 x 1024 = 14,848 MiB of 144,384
        assertEquals(0.897, fraction(141, 8, 1, 512, "0.5.6.post2"), 1e-9, "H200, TP 8, graphs to 512");
        // 512 + 12,288 + 256 x 2 (the H100 default below TP 4) + 128 = 13,440 MiB of 81,920
        assertEquals(0.836, fraction(80, 1, 1, 0, "0.5.8"), 1e-9, "H100, TP 1, default graphs");
        // 512 + 16384 x 1.5 + 512 x 2 + 1024 = 27,136 MiB of 184,320
        assertEquals(0.853, fraction(180, 8, 1, 0, "0.5.9"), 1e-9, "B200, TP 8, default graphs");
        // + 512 x 8 x 3 + 512 x 8 x 1.5 (above 300 graphs) = 45,568 MiB
        assertEquals(0.753, fraction(180, 8, 8, 0, "0.5.9"), 1e-9, "B200, attention DP 8");
    }

    @Test
    void aLaunchWithoutGpusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryLaunch(80 * GIB, 0, 1, 1, 0, "0.5.9"));
    }

    @Test
    void sglangTakesItsStepBudgetAndGraphBatchFromTheGpuAndItsTp() {
        BackendProfile sglang = BackendProfiles.get("sglang");
        BackendProfile b200 = sglang.on(TestSpecs.REGISTRY.gpu("b200-sxm"), 1);
        assertEquals(16384, b200.maxNumBatchedTokens());
        assertEquals(512, b200.cudaGraphMaxBatch());
        BackendProfile h200Tp2 = sglang.on(TestSpecs.REGISTRY.gpu("h200-sxm"), 2);
        assertEquals(8192, h200Tp2.maxNumBatchedTokens());
        assertEquals(256, h200Tp2.cudaGraphMaxBatch(), "server_args: 256 below TP 4 under 160 GiB");
        assertEquals(512, sglang.on(TestSpecs.REGISTRY.gpu("h200-sxm"), 4).cudaGraphMaxBatch());
        assertEquals(32, sglang.on(TestSpecs.REGISTRY.gpu("l40s"), 1).cudaGraphMaxBatch(), "under 60 GiB, TP 1");
        assertEquals(4096, sglang.on(TestSpecs.REGISTRY.gpu("l40s"), 1).maxNumBatchedTokens());
        assertTrue(b200.sizedByGpu().isEmpty(), "a resolved profile has every limit fixed");
    }

    @Test
    void aLimitTheLaunchSetsIsNotReplacedOnTheGpu() {
        BackendProfile launched = BackendProfiles.get("sglang").withLaunchLimits(null, null, 160);
        BackendProfile b200 = launched.on(TestSpecs.REGISTRY.gpu("b200-sxm"), 8);
        assertEquals(160, b200.cudaGraphMaxBatch(), "--cuda-graph-max-bs 160 as given");
        assertEquals(16384, b200.maxNumBatchedTokens(), "the chunk left out is still the engine's for the GPU");
        BackendProfile budget = BackendProfiles.get("sglang").withMaxNumBatchedTokens(4096);
        assertEquals(4096, budget.on(TestSpecs.REGISTRY.gpu("b200-sxm"), 1).maxNumBatchedTokens());
    }

    @Test
    void trtllmTakesNothingFromTheGpu() {
        BackendProfile trt = BackendProfiles.get("trtllm");
        assertSame(trt, trt.on(TestSpecs.REGISTRY.gpu("b200-sxm"), 8));
    }

    /** The fraction for a GPU of {@code gib} GiB; {@code dp} attention-DP ranks inside the {@code tp} GPUs. */
    private static double fraction(int gib, int tp, int dp, int graphs, String version) {
        return SglangServerDefaults.memFractionStatic(new MemoryLaunch(gib * GIB, tp, 1, dp, graphs, version));
    }
}
