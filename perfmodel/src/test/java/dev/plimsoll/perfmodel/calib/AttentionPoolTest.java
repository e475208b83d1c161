package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pooled attention line of a kernel validation. */
class AttentionPoolTest {
    private static KernelValidator.Scored scored(KernelFamily family, double[] errors, int unpriced,
                                                 Map<String, Integer> provenance) {
        ValidationReport.FamilyScore s = new ValidationReport.FamilyScore("trtllm", family.key(), errors.length,
                ErrorStats.percentile(errors, 0.5), ErrorStats.percentile(errors, 0.9), 0, 0.0, unpriced, provenance,
                "h200-sxm/trtllm", List.of());
        return new KernelValidator.Scored(s, errors, new double[0]);
    }

    @Test
    void prefillAndDecodeRowsAreScoredAsOnePopulation() {
        AttentionPool pool = new AttentionPool();
        // prefill: three rows at 10%, decode: two rows at 40%: the pooled median is 10%, not the mean of medians
        pool.offer(KernelFamily.CONTEXT_ATTENTION, scored(KernelFamily.CONTEXT_ATTENTION,
                new double[]{0.1, 0.1, 0.1}, 1, Map.of("interpolated", 3)));
        pool.offer(KernelFamily.GEMM, scored(KernelFamily.GEMM, new double[]{0.9}, 0, Map.of("measured", 1)));
        pool.offer(KernelFamily.GENERATION_ATTENTION, scored(KernelFamily.GENERATION_ATTENTION,
                new double[]{0.4, 0.4}, 2, Map.of("interpolated", 2, "transferred", 1)));
        ValidationReport.FamilyScore line = pool.line().orElseThrow();
        assertEquals(AttentionPool.FAMILY, line.family());
        assertEquals("trtllm", line.framework());
        assertEquals(5, line.points());
        assertEquals(0.1, line.medianError(), 1e-12);
        assertEquals(0.4, line.p90Error(), 1e-12);
        assertEquals(3, line.unpriced());
        assertEquals(Map.of("interpolated", 5, "transferred", 1), line.provenance());
        assertEquals("h200-sxm/trtllm", line.source());
    }

    @Test
    void noLineWithoutBothAttentionTables() {
        AttentionPool pool = new AttentionPool();
        pool.offer(KernelFamily.CONTEXT_ATTENTION, scored(KernelFamily.CONTEXT_ATTENTION, new double[]{0.1}, 0,
                Map.of()));
        assertTrue(pool.line().isEmpty());
    }
}
