package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Marlin MoE priced from its M-blocks, calibrated on the Marlin shapes the vLLM MoE table measures. */
class MarlinMoeTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    private static final String ROUTING = "power_law_1.01";
    /** gpt-oss-120b's MoE block at moe_tp 2: hidden 2880, intermediate 2880, top-4 of 128 experts. */
    private static final double[] GPT_OSS_TP2 = {2880, 2880, 4, 128, 2, 1};
    private static FamilyModel model;

    @BeforeAll
    static void build() {
        List<KernelRow> rows = KernelTableReader.read(SharedData.kernels("h100_sxm").resolve("moe_vllm.csv.gz"),
                KernelFamily.MOE, "vllm").rows();
        model = FamilyModel.build(KernelFamily.MOE, rows, H100);
    }

    @Test
    void blockSizeFollowsFusedMarlinMoe() {
        assertEquals(8, MarlinBlocks.blockRows(1, 4, 128), "4 assignments over 128 experts");
        assertEquals(16, MarlinBlocks.blockRows(256, 4, 128), "8 per expert: 8/8 >= 0.9, 8/16 < 0.9");
        assertEquals(32, MarlinBlocks.blockRows(512, 4, 128), "16 per expert: 16/16 = 1 is not below 0.9");
        assertEquals(64, MarlinBlocks.blockRows(8192, 4, 128), "256 per expert: the largest block");
    }

    @Test
    void routingSpreadsEveryAssignment() {
        for (String d : List.of("balanced", ROUTING, "power_law_1.2")) {
            for (long tokens : new long[]{1, 7, 48, 1000, 16384}) {
                long[] perExpert = MarlinBlocks.assignments(tokens, 4, 128, d);
                assertEquals(tokens * 4, Arrays.stream(perExpert).sum(), d + " at " + tokens);
                assertTrue(Arrays.stream(perExpert).allMatch(n -> n >= 0));
            }
        }
        long[] balanced = MarlinBlocks.assignments(48, 16, 896, "balanced");
        assertEquals(768, Arrays.stream(balanced).filter(n -> n > 0).count(), "one assignment each to 768 experts");
        long[] skewed = MarlinBlocks.assignments(1024, 4, 128, ROUTING);
        assertTrue(Arrays.stream(skewed).max().getAsLong() > 4 * 1024 * 4 / 128, "a power law piles tokens on few");
    }

    @Test
    void blocksCountEachExpertsPaddedTokenList() {
        MarlinBlocks one = MarlinBlocks.of(1, 4, 128, 1, "balanced");
        assertEquals(4, one.blocks(), "one token: four experts, one 8-row block each");
        assertEquals(4 * 16, one.mmaRows(), "an 8-row block runs a 16-row MMA");
        assertEquals((4 + 128 * 7 + 7) / 8, one.bufferBlocks(), "the worst-case buffer: 4 + 128 x 7 rows");
        assertTrue(MarlinBlocks.of(1, 16, 896, 1, "balanced").bufferBlocks() > 6 * one.bufferBlocks(),
                "896 experts pad a buffer seven times longer for one token");
        MarlinBlocks full = MarlinBlocks.of(8192, 4, 128, 1, "balanced");
        assertEquals(128 * 4, full.blocks(), "256 tokens per expert in 64-row blocks");
    }

    @Test
    void vllmsMxfp4MethodPadsTheShapeForMarlin() {
        double[] padded = MarlinMoe.mxfp4Padded(GPT_OSS_TP2);
        assertEquals(3072, padded[0], "hidden 2880 rounded up to 256");
        assertEquals(2 * 1536, padded[1], "1440 per partition rounded up to 128");
        assertEquals(4, padded[2]);
        double[] aligned = {3584, 3072, 16, 896, 2, 1};
        assertTrue(Arrays.equals(aligned, MarlinMoe.mxfp4Padded(aligned)), "an aligned shape is kept");
    }

    @Test
    void fitReproducesTheMeasuredMarlinShapes() {
        MarlinMoe fit = MarlinMoe.fit(model, ROUTING);
        assertNotNull(fit);
        assertTrue(fit.points() >= 2 * MarlinMoe.TOKENS.length, "INT4 and MXFP4 Marlin shapes at every TP: " + fit.points());
        assertTrue(fit.msPerBufferBlock() > 0 && fit.msPerByte() > 0 && fit.msPerFlop() > 0
                && fit.msPerOutputElement() > 0, fit.toString());
        assertTrue(fit.medianError() < 0.1, "five terms describe both Marlin shapes: " + fit.medianError());
    }

    @Test
    void decodeStreamsWeightsAndPrefillPaysTheMma() {
        MarlinMoe fit = MarlinMoe.fit(model, ROUTING);
        Prediction decode = price(fit, 16);
        Prediction prefill = price(fit, 8192);
        assertEquals(Provenance.TRANSFERRED, decode.provenance());
        assertEquals(Bound.MEMORY, decode.bound(), "16 tokens: weight streaming");
        assertEquals(Bound.COMPUTE, prefill.bound(), "8192 tokens: dequantised MMA");
        Prediction triton = model.predict(query(16), query(16).category(), "", H100, true);
        Prediction tritonPrefill = model.predict(query(8192), query(8192).category(), "", H100, true);
        assertTrue(decode.timeMs() < 1.5 * triton.timeMs(),
                "both stream the same 4-bit experts at decode: " + decode.timeMs() + " vs Triton " + triton.timeMs());
        assertTrue(prefill.timeMs() > 1.3 * tritonPrefill.timeMs(),
                "Marlin's BF16 MMA after dequantisation is slower than Triton's MXFP4 kernels on a prefill: "
                        + prefill.timeMs() + " vs " + tritonPrefill.timeMs());
    }

    @Test
    void anotherGpuScalesStreamByBandwidthAndMmaByPeak() {
        MarlinMoe fit = MarlinMoe.fit(model, ROUTING);
        ReferenceSpec h200 = ReferenceSpec.of(TestGpus.h200());
        KernelQuery q = query(16);
        double here = fit.predict(q, 0.5, H100, H100).timeMs();
        double there = fit.predict(q, 0.5, H100, h200).timeMs();
        assertTrue(there < here, "the H200's HBM is faster: " + there + " vs " + here);
        assertTrue(there > fit.fixedMs(), "the fixed part stays");
    }

    @Test
    void theServingModelPricesLaunchedMarlinFromTheBlocks() {
        String category = "w4a16_mxfp4" + KernelRow.SEPARATOR + ROUTING;
        assertTrue(model.measuredWith(category, MoeKernel.MARLIN.tableClass(), new double[]{3584, 3072, 16, 896, 1, 1}));
        assertTrue(!model.measuredWith(category, MoeKernel.MARLIN.tableClass(), GPT_OSS_TP2));
    }

    @Test
    void aMarlinLaunchedEngineReadsTheBlocksAndTheDefaultOneTheTritonCurves() {
        dev.plimsoll.perfmodel.cost.BackendProfile vllm = TestGpus.backend("vllm");
        dev.plimsoll.perfmodel.cost.CostModelProvider shipped =
                CalibratedCostModels.provider(java.util.Optional.empty());
        dev.plimsoll.perfmodel.specs.Precision mxfp4 = new dev.plimsoll.perfmodel.specs.Precision(
                dev.plimsoll.perfmodel.specs.NumberFormat.MXFP4, dev.plimsoll.perfmodel.specs.ComputeDtype.BF16,
                false);
        dev.plimsoll.perfmodel.ops.Op op = new dev.plimsoll.perfmodel.ops.Op("moe",
                dev.plimsoll.perfmodel.ops.OpKind.MOE, dev.plimsoll.perfmodel.specs.ComputeDtype.BF16, 1, 1, 1, 36,
                new dev.plimsoll.perfmodel.ops.OpShape.Moe(8192, 2880, 2880, 4, 128, 2, 1, mxfp4));
        double marlin = shipped.forGpu(TestGpus.h100(), vllm.withMxfp4MoeKernel(MoeKernel.MARLIN)).cost(op).timeMs();
        double triton = shipped.forGpu(TestGpus.h100(), vllm).cost(op).timeMs();
        MarlinMoe fit = MarlinMoe.fit(model, ROUTING);
        KernelQuery padded = KernelQuery.of(KernelFamily.MOE, query(8192).category(),
                MarlinMoe.mxfp4Padded(GPT_OSS_TP2), new double[]{8192});
        assertEquals(fit.predict(padded, mxfp4.weights().bytesPerElement(), H100, H100).timeMs(), marlin,
                0.02 * marlin, "the launched engine prices Marlin from its blocks at the padded shape");
        assertTrue(marlin > 1.3 * triton, "Marlin's prefill is slower than the default kernels': " + marlin
                + " vs " + triton);
    }

    private static KernelQuery query(double tokens) {
        return KernelQuery.of(KernelFamily.MOE, "w4a16_mxfp4" + KernelRow.SEPARATOR + ROUTING, GPT_OSS_TP2,
                new double[]{tokens});
    }

    private static Prediction price(MarlinMoe fit, double tokens) {
        return fit.predict(query(tokens), 0.5, H100, H100);
    }
}
