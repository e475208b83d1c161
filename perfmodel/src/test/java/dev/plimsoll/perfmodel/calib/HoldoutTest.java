package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldoutTest {
    private static List<KernelRow> gemmRows() {
        List<KernelRow> rows = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            for (int k = 1; k <= 10; k++) {
                for (int m = 1; m <= 4; m++) {
                    rows.add(new KernelRow("bfloat16", new double[]{n * 128, k * 128}, new double[]{m}, "", 1, 0));
                }
            }
        }
        return rows;
    }

    @Test
    void gemmHoldsOutWholeWeightShapes() {
        Holdout.Split s = new Holdout(0.2, 42).split(KernelFamily.GEMM, gemmRows());
        Set<List<Double>> held = s.held().stream().map(r -> List.of(r.shape()[0], r.shape()[1]))
                .collect(Collectors.toSet());
        Set<List<Double>> fit = s.fit().stream().map(r -> List.of(r.shape()[0], r.shape()[1]))
                .collect(Collectors.toSet());
        assertEquals(20, held.size());
        assertEquals(80, fit.size());
        held.forEach(h -> assertFalse(fit.contains(h)));
        assertEquals(80, s.held().size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<KernelRow> rows = gemmRows();
        assertEquals(new Holdout(0.2, 1).split(KernelFamily.GEMM, rows).held(),
                new Holdout(0.2, 1).split(KernelFamily.GEMM, rows).held());
        assertFalse(new Holdout(0.2, 1).split(KernelFamily.GEMM, rows).held()
                .equals(new Holdout(0.2, 2).split(KernelFamily.GEMM, rows).held()));
    }

    @Test
    void sequenceLengthsAreStratifiedAndTheEndsStay() {
        List<KernelRow> rows = new ArrayList<>();
        int[] isl = {1, 16, 32, 64, 128, 256, 512, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 10240, 12288, 16384};
        for (int s : isl) {
            for (int b = 1; b <= 4; b *= 2) {
                rows.add(new KernelRow("bfloat16|bfloat16", new double[]{32, 8, 128, 0}, new double[]{b, s}, "", 1, 0));
            }
        }
        for (long seed = 0; seed < 5; seed++) {
            Holdout.Split s = new Holdout(0.2, seed).split(KernelFamily.CONTEXT_ATTENTION, rows);
            TreeSet<Double> held = s.held().stream().map(r -> r.grid()[1]).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(3, held.size(), "seed " + seed + ": " + held);
            assertFalse(held.contains(1.0) || held.contains(16384.0));
            // never two neighbouring lengths
            List<Double> sorted = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.grid()[1]).toList()));
            for (Double h : held) {
                int i = sorted.indexOf(h);
                assertFalse(held.contains(sorted.get(i + 1)), "adjacent lengths held out");
            }
        }
    }

    @Test
    void fractionMustBeSensible() {
        assertThrows(IllegalArgumentException.class, () -> new Holdout(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Holdout(0.7, 1));
        assertTrue(new Holdout(0.5, 1).fraction() == 0.5);
    }
}
