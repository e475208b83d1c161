package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.Ideal;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.L2Cache;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a replayed working set is read from on the measuring GPU and on the target, on two made-up
 * GPUs: SMALL (HBM 4 TB/s, 50 MB of L2 read at 8 TB/s) and BIG (HBM 8 TB/s, 120 MB of L2 at 12 TB/s).
 */
class L2ResidencyTest {
    private static final double MB = 1e6;
    private static final ReferenceSpec SMALL = gpu("small", 4e12, new L2Cache((long) (50 * MB), 8e12));
    private static final ReferenceSpec BIG = gpu("big", 8e12, new L2Cache((long) (120 * MB), 12e12));
    private static final ReferenceSpec BIG_NO_L2 = gpu("big", 8e12, L2Cache.UNKNOWN);

    private static ReferenceSpec gpu(String id, double hbm, L2Cache l2) {
        return new ReferenceSpec(id, Map.of(ComputeDtype.BF16, 1e15), hbm, 450e9, l2);
    }

    /** A memory-bound kernel of {@code bytes} on a GPU: its HBM roofline, compute far below. */
    private static Ideal memoryBound(double bytes, ReferenceSpec gpu) {
        double memoryMs = bytes / gpu.memoryBytesPerS() * 1000.0;
        return new Ideal(memoryMs / 100, memoryMs, 0);
    }

    private static double targetMemoryMs(double bytes, ReferenceSpec source, ReferenceSpec target) {
        return L2Residency.servedTarget(memoryBound(bytes, source), memoryBound(bytes, target), source, target, bytes)
                .memoryMs();
    }

    @Test
    void aSetThatFitsTheSourceL2ButNotTheTargetsIsPricedAtTheTargetsHbm() {
        // 80 MB: read from BIG's L2 (12 TB/s) when BIG measured it, from SMALL's HBM (4 TB/s) on SMALL.
        // The target's roofline is taken at its HBM; utilisations carry the source's L2 advantage (1.5x),
        // so the target's memory time grows by that factor: time / utilisation = HBM time on the target.
        double t = targetMemoryMs(80 * MB, BIG, SMALL);
        assertEquals(80 * MB / 4e12 * 1000 * (12e12 / 8e12), t, 1e-12);
    }

    @Test
    void aSetThatFitsOnlyTheTargetsL2IsPricedAtTheTargetsL2() {
        // 80 MB on SMALL came from its HBM; on BIG it stays in the L2: 12 TB/s instead of 8
        double t = targetMemoryMs(80 * MB, SMALL, BIG);
        assertEquals(80 * MB / 8e12 * 1000 / (12e12 / 8e12), t, 1e-12);
    }

    @Test
    void aSetInBothL2sMovesWithTheL2Bandwidths() {
        // 30 MB fits both: the memory part goes from SMALL's L2 (8 TB/s) to BIG's (12 TB/s), not 4 -> 8
        double source = 30 * MB / 8e12;
        double target = 30 * MB / 12e12;
        double hbmRatio = (30 * MB / 8e12) / (30 * MB / 4e12);
        double t = targetMemoryMs(30 * MB, SMALL, BIG);
        double sourceMemoryMs = memoryBound(30 * MB, SMALL).memoryMs();
        assertEquals(target / source, t / sourceMemoryMs, 1e-12);
        assertTrue(t / sourceMemoryMs > hbmRatio);
    }

    @Test
    void aSetInNeitherL2KeepsTheHbmRatio() {
        Ideal target = memoryBound(500 * MB, BIG);
        assertSame(target, L2Residency.servedTarget(memoryBound(500 * MB, SMALL), target, SMALL, BIG, 500 * MB));
    }

    @Test
    void withoutL2FiguresOrAReplayNothingMoves() {
        Ideal target = memoryBound(80 * MB, BIG_NO_L2);
        assertSame(target, L2Residency.servedTarget(memoryBound(80 * MB, SMALL), target, SMALL, BIG_NO_L2, 80 * MB));
        Ideal big = memoryBound(80 * MB, BIG);
        assertSame(big, L2Residency.servedTarget(memoryBound(80 * MB, SMALL), big, SMALL, BIG, Double.NaN));
    }

    @Test
    void aComputeBoundKernelIsLeftAlone() {
        Ideal ref = new Ideal(1.0, 0.001, 0);
        Ideal target = new Ideal(0.5, 0.0005, 0);
        assertSame(target, L2Residency.servedTarget(ref, target, SMALL, BIG, 4 * MB));
    }

    @Test
    void theReplayedSetIsWhatTheCollectorRotates() {
        // GEMM collectors run several weight copies per timed call; attention replays one op; MoE and
        // serving price nothing as L2-resident
        assertEquals(5 * 10 * MB, new TableReplay("trtllm").workingSetBytes(KernelFamily.GEMM, "fp8", 10 * MB));
        assertEquals(6 * 10 * MB, new TableReplay("sglang").workingSetBytes(KernelFamily.GEMM, "bfloat16", 10 * MB));
        assertEquals(6 * 10 * MB, new TableReplay("vllm").workingSetBytes(KernelFamily.GEMM, "fp8", 10 * MB));
        assertEquals(10 * MB, new TableReplay("vllm").workingSetBytes(KernelFamily.GEMM, "nvfp4", 10 * MB));
        assertEquals(10 * MB, new TableReplay("vllm").workingSetBytes(KernelFamily.GENERATION_ATTENTION,
                "bfloat16|fp8", 10 * MB));
        assertTrue(Double.isNaN(new TableReplay("trtllm").workingSetBytes(KernelFamily.MOE, "fp8|balanced", 10 * MB)));
        assertTrue(Double.isNaN(TableReplay.SERVING.workingSetBytes(KernelFamily.GEMM, "fp8", 10 * MB)));
    }
}
