package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.KernelRoofline;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A synthetic GEMM table that follows time = 5 us + ideal / 0.7, with one (n, k) shape missing. */
class FamilyModelTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    private static final ReferenceSpec H200 = ReferenceSpec.of(TestGpus.h200());
    private static final long[] SIZES = {1024, 2048, 4096, 8192};

    static double law(String dtype, double m, double n, double k, ReferenceSpec spec) {
        KernelQuery q = KernelQuery.of(KernelFamily.GEMM, dtype, new double[]{n, k}, new double[]{m});
        return 0.005 + KernelRoofline.ideal(q, spec).ms() / 0.7;
    }

    static FamilyModel model() {
        List<KernelRow> rows = new ArrayList<>();
        for (String dtype : List.of("bfloat16", "fp8")) {
            for (long n : SIZES) {
                for (long k : SIZES) {
                    if (n == 4096 && k == 4096) {
                        continue;
                    }
                    for (int m = 1; m <= 4096; m *= 2) {
                        rows.add(new KernelRow(dtype, new double[]{n, k}, new double[]{m}, "k",
                                law(dtype, m, n, k, H100), 0));
                    }
                }
            }
        }
        return FamilyModel.build(KernelFamily.GEMM, rows, H100);
    }

    private static Prediction predict(FamilyModel f, String dtype, double m, double n, double k, ReferenceSpec gpu) {
        return f.predict(KernelQuery.of(KernelFamily.GEMM, dtype, new double[]{n, k}, new double[]{m}), gpu,
                gpu == H100);
    }

    @Test
    void exactHitIsTheMeasuredTime() {
        Prediction p = predict(model(), "bfloat16", 64, 2048, 2048, H100);
        assertEquals(Provenance.MEASURED, p.provenance());
        assertEquals(law("bfloat16", 64, 2048, 2048, H100), p.timeMs(), 1e-12);
    }

    @Test
    void betweenMeasuredTokenCountsIsInterpolated() {
        Prediction p = predict(model(), "bfloat16", 48, 2048, 8192, H100);
        assertEquals(Provenance.INTERPOLATED, p.provenance());
        assertEquals(law("bfloat16", 48, 2048, 8192, H100), p.timeMs(), 0.02 * p.timeMs());
    }

    @Test
    void beyondTheLargestTokenCountTheUtilisationIsHeld() {
        Prediction p = predict(model(), "bfloat16", 16384, 8192, 8192, H100);
        assertEquals(Provenance.EXTRAPOLATED, p.provenance());
        assertEquals(Bound.COMPUTE, p.bound());
        assertEquals(law("bfloat16", 16384, 8192, 8192, H100), p.timeMs(), 0.03 * p.timeMs());
    }

    @Test
    void unseenWeightShapeIsTransferredFromItsNeighbours() {
        Prediction p = predict(model(), "bfloat16", 256, 4096, 4096, H100);
        assertEquals(Provenance.TRANSFERRED, p.provenance());
        assertEquals(law("bfloat16", 256, 4096, 4096, H100), p.timeMs(), 0.05 * p.timeMs());
        Prediction outside = predict(model(), "bfloat16", 256, 16384, 300, H100);
        assertEquals(Provenance.TRANSFERRED, outside.provenance());
        assertTrue(outside.timeMs() > 0.005);
    }

    @Test
    void anotherGpuScalesOnlyTheRooflineShare() {
        FamilyModel f = model();
        // weight streaming at m = 1: memory-bound, the H200's 1.43x bandwidth applies to the busy part
        Prediction h100 = predict(f, "bfloat16", 1, 8192, 8192, H100);
        Prediction h200 = predict(f, "bfloat16", 1, 8192, 8192, H200);
        assertEquals(Provenance.TRANSFERRED, h200.provenance());
        assertEquals(Bound.MEMORY, h200.bound());
        double busyRatio = (h200.timeMs() - 0.005) / (h100.timeMs() - 0.005);
        assertEquals(3.35 / 4.8, busyRatio, 0.03);
        // compute-bound: same tensor-core peak, same time
        Prediction big100 = predict(f, "bfloat16", 4096, 8192, 8192, H100);
        Prediction big200 = predict(f, "bfloat16", 4096, 8192, 8192, H200);
        assertEquals(big100.timeMs(), big200.timeMs(), 1e-9);
    }

    @Test
    void anotherArchitectureRunsTheSameLawOnItsOwnRoofline() {
        FamilyModel f = model();
        ReferenceSpec b200 = ReferenceSpec.of(TestGpus.b200());
        // the table is 5 us + ideal / 0.7 throughout: the B200 (2.27x the tensor peak, 2.3x the
        // bandwidth) keeps the 5 us and runs the busy part at the same utilisation of its own roofline
        Prediction big = predict(f, "bfloat16", 4096, 8192, 8192, b200);
        assertEquals(Provenance.TRANSFERRED, big.provenance());
        assertEquals(law("bfloat16", 4096, 8192, 8192, b200), big.timeMs(), 0.02 * big.timeMs());
        // weight streaming: u_max of the memory-bound points (0.64, taken over times that include the
        // 5 us) explains part of the floor as bandwidth, which the B200 then speeds up: up to 10% fast
        Prediction small = predict(f, "bfloat16", 1, 8192, 8192, b200);
        double smallLaw = law("bfloat16", 1, 8192, 8192, b200);
        assertTrue(small.timeMs() <= smallLaw && small.timeMs() >= 0.9 * smallLaw, small.timeMs() + " vs " + smallLaw);
        assertTrue(small.timeMs() < 0.5 * predict(f, "bfloat16", 1, 8192, 8192, H100).timeMs());
    }

    @Test
    void aMissingDtypeReadsTheCostModelsSubstituteFirst() {
        FamilyModel f = model();
        KernelQuery nvfp4 = KernelQuery.of(KernelFamily.GEMM, "nvfp4", new double[]{2048, 2048}, new double[]{64});
        // NVFP4 on a table without it reads FP8, as the cost model does (OpQueries.fallbacks), not bfloat16
        assertEquals("fp8", f.curveCategory(nvfp4));
    }

    @Test
    void unmeasuredDtypeReadsTheClosestCategory() {
        FamilyModel f = model();
        assertEquals("fp8", f.closestCategory("fp8"));
        Prediction p = predict(f, "int8", 64, 2048, 2048, H100);
        assertEquals(Provenance.TRANSFERRED, p.provenance());
        assertTrue(p.timeMs() > 0);
        assertNull(f.predict(KernelQuery.of(KernelFamily.GEMM, "int8", new double[]{2048, 2048}, new double[]{64}),
                "int4_wo", H100, true));
    }

    @Test
    void duplicatesKeepTheFastestTime() {
        List<KernelRow> rows = List.of(
                new KernelRow("bfloat16", new double[]{1024, 1024}, new double[]{8}, "a", 0.02, 2),
                new KernelRow("bfloat16", new double[]{1024, 1024}, new double[]{8}, "b", 0.01, 3));
        FamilyModel f = FamilyModel.build(KernelFamily.GEMM, rows, H100);
        assertEquals(1, f.rows());
        assertEquals(0.01, predict(f, "bfloat16", 8, 1024, 1024, H100).timeMs(), 1e-12);
    }
}
