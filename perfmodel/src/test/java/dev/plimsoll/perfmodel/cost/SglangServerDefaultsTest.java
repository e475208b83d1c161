package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.TestSpecs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** SGLang's GPU-memory classes (server_args.py) applied to the bundled GPUs. */
class SglangServerDefaultsTest {
    private static final long GIB = 1L << 30;

    @Test
    void theChunkedPrefillDefaultFollowsTheGpuMemoryClass() {
        assertEquals(2048, SglangServerDefaults.chunkedPrefillSize(24 * GIB), "L4: under 35 GiB");
        assertEquals(4096, SglangServerDefaults.chunkedPrefillSize(48 * GIB), "L40S: under 60 GiB");
        assertEquals(8192, SglangServerDefaults.chunkedPrefillSize(80 * GIB), "H100: under 90 GiB");
        assertEquals(8192, SglangServerDefaults.chunkedPrefillSize(141 * GIB), "H200: under 160 GiB");
        assertEquals(16384, SglangServerDefaults.chunkedPrefillSize(180 * GIB), "B200: 160 GiB and more");
    }

    @Test
    void theStaticMemoryFractionLeavesTheClassReserve() {
        assertEquals(0.875, SglangServerDefaults.memFractionStatic(80 * GIB, 1, false), 1e-9, "(80 - 10) / 80");
        assertEquals(0.831, SglangServerDefaults.memFractionStatic(80 * GIB, 8, false), 1e-9, "(80 - 13.5) / 80");
        assertEquals(0.887, SglangServerDefaults.memFractionStatic(141 * GIB, 8, false), 1e-9, "(141 - 16) / 141");
        assertEquals(0.822, SglangServerDefaults.memFractionStatic(180 * GIB, 8, false), 1e-9, "(180 - 32) / 180");
        assertEquals(0.8, SglangServerDefaults.memFractionStatic(180 * GIB, 8, true), 1e-9, "+4 GiB with DP attention");
    }

    @Test
    void onlySglangTakesItsStepBudgetFromTheGpu() {
        BackendProfile sglang = BackendProfiles.get("sglang");
        assertEquals(16384, sglang.on(TestSpecs.REGISTRY.gpu("b200-sxm")).maxNumBatchedTokens());
        assertEquals(8192, sglang.on(TestSpecs.REGISTRY.gpu("h200-sxm")).maxNumBatchedTokens());
        BackendProfile vllm = BackendProfiles.get("vllm");
        assertSame(vllm, vllm.on(TestSpecs.REGISTRY.gpu("b200-sxm")));
    }
}
