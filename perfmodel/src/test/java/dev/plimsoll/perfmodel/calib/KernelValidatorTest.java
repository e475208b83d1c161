package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a kernel validation scores rows the measured table timed with host work inside. */
class KernelValidatorTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    private static final ReferenceSpec H200 = ReferenceSpec.of(TestGpus.h200());

    private static List<KernelRow> gemm(String gpuDir, String framework) {
        return KernelTableReader.read(SharedData.kernels(gpuDir).resolve("gemm_" + framework + ".csv.gz"),
                KernelFamily.GEMM, framework).rows();
    }

    @Test
    void hostTimedCategoriesAreScoredApart() {
        List<KernelRow> rows = gemm("h200_sxm", "vllm");
        Set<String> hostTimed = HostBoundCategories.of(KernelFamily.GEMM, rows);
        assertEquals(Set.of("fp8_block"), hostTimed, "vLLM's block-FP8 rows never go below 55 us");
        // the H200's rows predicted from the H100's curves, as validate --kernels --transfer-from does
        FamilyModel model = FamilyModel.build(KernelFamily.GEMM, gemm("h100_sxm", "vllm"), H100);

        ValidationReport.FamilyScore all = KernelValidator.score("vllm", KernelFamily.GEMM, rows, hostTimed, model,
                H200, false, "test");
        List<KernelRow> gpuTimed = rows.stream().filter(r -> !hostTimed.contains(r.category())).toList();
        ValidationReport.FamilyScore kernelsOnly = KernelValidator.score("vllm", KernelFamily.GEMM, gpuTimed, Set.of(),
                model, H200, false, "test");

        long blockRows = rows.stream().filter(r -> r.category().equals("fp8_block")).count();
        assertEquals(blockRows, all.hostTimedPoints());
        assertEquals(rows.size() - blockRows - all.unpriced(), all.points());
        assertEquals(kernelsOnly.medianError(), all.medianError(), 1e-12, "host-timed rows stay out of the median");
        assertEquals(kernelsOnly.p90Error(), all.p90Error(), 1e-12, "and out of the p90");
        assertTrue(all.hostTimedMedianError() > 0, "their own error is reported: " + all.hostTimedMedianError());
        assertEquals(0, kernelsOnly.hostTimedPoints());
        assertEquals("-", kernelsOnly.hostTimedCell());

        // the per-kernel lines hold every priced row once, the host-timed category flagged
        assertEquals(all.points() + all.hostTimedPoints(), all.kernels().stream().mapToInt(KernelScore::points).sum());
        assertTrue(all.kernels().stream().filter(KernelScore::hostTimed).allMatch(k -> k.category().equals("fp8_block"))
                && all.kernels().stream().anyMatch(KernelScore::hostTimed), all.kernels().toString());
        for (KernelScore k : all.kernels()) {
            assertTrue(k.medianError() <= k.p90Error(), k.toString());
            assertTrue(Math.abs(k.medianRatio() - 1) <= k.medianError() + 1e-12,
                    "half the rows lie within the median error of 1, the median ratio among them: " + k);
        }
    }

    @Test
    void theBreakdownIsShownOnlyWhenKept() {
        KernelScore k = new KernelScore("fa3", "bfloat16|bfloat16", 4, 0.1, 0.3, 0.95, false);
        ValidationReport.FamilyScore s = new ValidationReport.FamilyScore("sglang", "context_attention", 4, 0.1, 0.3,
                0, 0.0, 0, java.util.Map.of(), "h200-sxm/sglang", List.of(k));
        ValidationReport kept = new ValidationReport("b200-sxm", "predicted from calibration bundles", List.of(s));
        assertTrue(kept.toTable().contains("0.95  fa3"), kept.toTable());
        assertTrue(kept.toJson().contains("\"median_ratio\" : 0.95"), kept.toJson());
        ValidationReport dropped = kept.withKernels(false);
        assertTrue(!dropped.toTable().contains("fa3") && !dropped.toJson().contains("kernels"), dropped.toJson());
    }

    @Test
    void graphReplayedTablesHaveNoHostTimedRows() {
        List<KernelRow> rows = gemm("h200_sxm", "sglang");
        assertEquals(Set.of(), HostBoundCategories.of(KernelFamily.GEMM, rows),
                "SGLang's block-FP8 GEMMs take 3.4 us at the smallest shape");
    }

    @Test
    void theTableSaysWhatItLeftOut() {
        ValidationReport.FamilyScore s = new ValidationReport.FamilyScore("vllm", "gemm", 10, 0.1, 0.2, 3, 0.5, 0,
                java.util.Map.of(), "h200-sxm/vllm");
        ValidationReport r = new ValidationReport("b200-sxm", "predicted from calibration bundles", List.of(s));
        assertTrue(r.toTable().contains("3 (50.0%)"), r.toTable());
        assertTrue(r.toTable().contains("scored apart"), r.toTable());
        assertTrue(r.toMarkdown().contains("| 3 (50.0%) |"), r.toMarkdown());
        assertTrue(r.toJson().contains("\"host_timed_points\" : 3"), r.toJson());
    }
}
