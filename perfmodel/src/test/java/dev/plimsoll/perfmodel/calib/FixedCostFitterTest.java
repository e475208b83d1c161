package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedCostFitterTest {
    @Test
    void recoversAnExactLine() {
        List<double[]> pts = new ArrayList<>();
        for (double ideal = 0.001; ideal < 10; ideal *= 2) {
            pts.add(new double[]{ideal, 0.008 + ideal / 0.6});
        }
        FixedCostFit f = FixedCostFitter.fitLine("gemm", "bfloat16", pts);
        assertEquals(8.0, f.fixedUs(), 1e-6);
        assertEquals(0.6, f.utilisation(), 1e-6);
        assertEquals(1.0, f.r2(), 1e-9);
        assertEquals(0.0, f.rmseUs(), 1e-6);
        assertEquals(pts.size(), f.points());
    }

    @Test
    void noiseLowersTheFitQuality() {
        Random rnd = new Random(3);
        List<double[]> pts = new ArrayList<>();
        for (double ideal = 0.001; ideal < 10; ideal *= 1.5) {
            pts.add(new double[]{ideal, (0.008 + ideal / 0.6) * (1 + 0.2 * (rnd.nextDouble() - 0.5))});
        }
        FixedCostFit f = FixedCostFitter.fitLine("gemm", "bfloat16", pts);
        assertTrue(f.r2() < 0.999 && f.r2() > 0.8, "r2 " + f.r2());
        assertEquals(8.0, f.fixedUs(), 1.0);
        assertTrue(f.relativeRmse() > 0.01);
    }

    @Test
    void tooFewPointsGiveNoFit() {
        assertNull(FixedCostFitter.fitLine("nccl", "x", List.of(new double[]{1, 2}, new double[]{2, 3})));
    }

    @Test
    void collectivesAreFittedPerGpuCount() {
        ReferenceSpec h100 = ReferenceSpec.of(TestGpus.h100());
        List<KernelRow> rows = new ArrayList<>();
        for (int gpus : new int[]{2, 4, 8}) {
            for (long size = 1024; size <= 1L << 26; size *= 4) {
                double bus = 2.0 * (gpus - 1) / gpus * size * 2;
                double ms = 0.006 + 0.002 * gpus + bus / (450e9 * 0.8) * 1000;
                rows.add(new KernelRow("all_reduce|half", new double[]{gpus}, new double[]{size}, "", ms, 0));
            }
        }
        List<FixedCostFit> fits = FixedCostFitter.fit(KernelFamily.NCCL, rows, h100);
        assertEquals(3, fits.size());
        assertEquals("all_reduce|half gpus=2", fits.get(0).key());
        assertEquals(10.0, fits.get(0).fixedUs(), 0.01);
        assertEquals(22.0, fits.get(2).fixedUs(), 0.01);
        assertEquals(0.8, fits.get(2).utilisation(), 1e-3);
    }
}
