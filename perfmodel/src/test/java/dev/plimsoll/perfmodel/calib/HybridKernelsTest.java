package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gated DeltaNet and sparse-attention kernels priced from the shipped H200 bundles. */
class HybridKernelsTest {
    private static final OpCostModel SGLANG = CalibratedCostModels.provider(Optional.empty())
            .forGpu(TestGpus.h200(), TestGpus.backend("sglang"));
    private static final OpCostModel VLLM = CalibratedCostModels.provider(Optional.empty())
            .forGpu(TestGpus.h200(), TestGpus.backend("vllm"));

    /** The fastest row of a table with this category, shape and grid (duplicates keep their fastest). */
    private static double measured(String file, KernelFamily f, String fw, String category, double[] shape,
                                   double[] grid) {
        return KernelTableReader.read(SharedData.kernels("h200_sxm").resolve(file), f, fw).rows().stream()
                .filter(r -> r.category().equals(category) && Arrays.equals(r.shape(), shape)
                        && Arrays.equals(r.grid(), grid))
                .mapToDouble(KernelRow::latencyMs).min().orElseThrow(() -> new AssertionError("row not in table"));
    }

    private static Op op(OpKind kind, OpShape shape) {
        return new Op(kind.family(), kind, ComputeDtype.BF16, 1.0, 1.0, 1, 1, shape);
    }

    @Test
    void qwen35ChunkedDeltaRuleAtTp8IsTheTablesPoint() {
        OpShape.Gdn shape = new OpShape.Gdn(true, 1, 8192, 2, 128, 8, 128, 4);
        OpCost sglang = SGLANG.cost(op(OpKind.GDN_PREFILL, shape));
        double table = measured("gdn_sglang.csv.gz", KernelFamily.GDN, "sglang", "context|chunk_gated_delta_rule",
                new double[]{2, 128, 8, 128}, new double[]{1, 8192});
        assertEquals(Provenance.MEASURED, sglang.provenance());
        assertEquals(table, sglang.timeMs(), 1e-4 * table, "five significant digits in the bundle");
        // vLLM runs FlashInfer's chunked kernel: its own table row
        OpCost vllm = VLLM.cost(op(OpKind.GDN_PREFILL, shape));
        double vllmTable = measured("gdn_vllm.csv.gz", KernelFamily.GDN, "vllm",
                "context|chunk_gated_delta_rule_flashinfer", new double[]{2, 128, 8, 128}, new double[]{1, 8192});
        assertEquals(vllmTable, vllm.timeMs(), 1e-4 * vllmTable);
        // the conv1d of the same step reads its own kernel's row, an order of magnitude below
        OpCost conv = SGLANG.cost(op(OpKind.GDN_CONV, shape));
        double convTable = measured("gdn_sglang.csv.gz", KernelFamily.GDN, "sglang", "context|causal_conv1d_fn",
                new double[]{2, 128, 8, 128}, new double[]{1, 8192});
        assertEquals(convTable, conv.timeMs(), 1e-4 * convTable);
        assertTrue(conv.timeMs() < sglang.timeMs() / 5);
    }

    @Test
    void recurrentDecodeBetweenMeasuredBatchesIsInterpolated() {
        OpCost at8 = SGLANG.cost(op(OpKind.GDN_DECODE, new OpShape.Gdn(false, 8, 1, 2, 128, 8, 128, 4)));
        OpCost at12 = SGLANG.cost(op(OpKind.GDN_DECODE, new OpShape.Gdn(false, 12, 1, 2, 128, 8, 128, 4)));
        OpCost at16 = SGLANG.cost(op(OpKind.GDN_DECODE, new OpShape.Gdn(false, 16, 1, 2, 128, 8, 128, 4)));
        assertEquals(Provenance.MEASURED, at8.provenance());
        assertEquals(Provenance.INTERPOLATED, at12.provenance());
        assertTrue(at8.timeMs() <= at12.timeMs() && at12.timeMs() <= at16.timeMs());
    }

    @Test
    void glm5SparseAttentionAndTopKAreTheTablesPointsTheDecodeIndexerIsNot() {
        OpShape.Dsa decode = new OpShape.Dsa(8, 1, 8192, 64, 2048, NumberFormat.FP8);
        double[] shape = {64};
        double[] grid = {8, 1, 8192};
        assertExact(SGLANG.cost(op(OpKind.DSA_DECODE, decode)), measured("glm5_dsa_attn_module_sglang.csv.gz",
                KernelFamily.DSA_ATTENTION, "sglang", "bfloat16|fp8_e4m3", shape, grid));
        double nonPaged = measured("glm5_mqa_logits_module_sglang.csv.gz", KernelFamily.DSA_INDEXER, "sglang",
                "fp8_e4m3|fp8_e4m3", shape, grid);
        OpCost pagedDecode = SGLANG.cost(op(OpKind.DSA_INDEXER, decode));
        assertEquals(Provenance.ROOFLINE, pagedDecode.provenance(),
                "SGLang decodes with the paged kernel the table does not time");
        assertTrue(pagedDecode.timeMs() < 0.2 * nonPaged, pagedDecode.timeMs() + " ms against the table's " + nonPaged);
        OpShape.Dsa prompt = new OpShape.Dsa(1, 1024, 0, 64, 2048, NumberFormat.FP8);
        assertExact(SGLANG.cost(op(OpKind.DSA_INDEXER, prompt)), measured("glm5_mqa_logits_module_sglang.csv.gz",
                KernelFamily.DSA_INDEXER, "sglang", "fp8_e4m3|fp8_e4m3", shape, new double[]{1, 1024, 0}));
        assertExact(SGLANG.cost(op(OpKind.DSA_TOPK, decode)), measured("glm5_topk_module_sglang.csv.gz",
                KernelFamily.DSA_TOPK, "sglang", "fp8_e4m3|fp8_e4m3|flat", shape, grid));
        // vLLM has no GLM-5 tables: the roofline prices it
        assertEquals(Provenance.ROOFLINE, VLLM.cost(op(OpKind.DSA_DECODE, decode)).provenance());
    }

    /**
     * Holding out 20% of the tables' sequence lengths (decode: KV lengths; gated DeltaNet: tokens per
     * request) and predicting them from the rest: the figures docs/calibration.md gives (median
     * 0.5-4.6%, p90 4-34% on the H200).
     */
    @Test
    void heldOutPointsArePredictedWithinTheDocumentedError() {
        ValidationReport r = KernelValidator.holdout(SharedData.kernels("h200_sxm"), TestGpus.h200(),
                new Holdout(0.2, KernelValidator.DEFAULT_SEED), EnumSet.of(KernelFamily.GDN,
                        KernelFamily.DSA_ATTENTION, KernelFamily.DSA_INDEXER, KernelFamily.DSA_TOPK));
        assertEquals(6, r.scores().size(), "gdn for three frameworks, three sparse-attention tables for SGLang");
        for (ValidationReport.FamilyScore s : r.scores()) {
            String what = s.framework() + " " + s.family();
            assertTrue(s.points() > 100, what);
            assertTrue(s.medianError() <= 0.05, what + " median " + s.medianError());
            assertTrue(s.p90Error() <= 0.35, what + " p90 " + s.p90Error());
        }
    }

    private static void assertExact(OpCost c, double table) {
        assertEquals(Provenance.MEASURED, c.provenance());
        assertEquals(table, c.timeMs(), 1e-4 * table);
    }
}
