package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.cost.RooflineCostModel;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.Efficiency;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibratedCostModelTest {
    private static final BackendProfile VLLM = TestGpus.backend("vllm");
    private static final CostModelProvider SHIPPED = CalibratedCostModels.provider(Optional.empty());

    private static double measured(String file, KernelFamily f, String category, double[] shape, double[] grid) {
        for (KernelRow r : KernelTableReader.read(SharedData.kernels("h100_sxm").resolve(file), f, "vllm").rows()) {
            if (r.category().equals(category) && java.util.Arrays.equals(r.shape(), shape)
                    && java.util.Arrays.equals(r.grid(), grid)) {
                return r.latencyMs();
            }
        }
        throw new AssertionError("row not in table");
    }

    @Test
    void measuredGemmShapeIsAnExactHit() {
        OpCost c = SHIPPED.forGpu(TestGpus.h100(), VLLM).cost(StepOps.gemm("qkv", 64, 4096, 4096, Precision.BF16));
        assertEquals(Provenance.MEASURED, c.provenance());
        double table = measured("gemm_vllm.csv.gz", KernelFamily.GEMM, "bfloat16", new double[]{4096, 4096},
                new double[]{64});
        assertEquals(table, c.timeMs(), 1e-4 * table, "five significant digits in the bundle");
    }

    @Test
    void blockFp8GemmsInsideAGraphReadTheCurvesOfGraphReplayedKernels() {
        Precision block = new Precision(NumberFormat.FP8, ComputeDtype.FP8, true);
        OpCost c = SHIPPED.forGpu(TestGpus.h100(), VLLM).cost(StepOps.gemm("o_proj", 1, 2048, 3072, block));
        double hostTimed = measured("gemm_vllm.csv.gz", KernelFamily.GEMM, "fp8_block", new double[]{2048, 3072},
                new double[]{1});
        assertTrue(hostTimed > 0.05, "the table's own row: " + hostTimed);
        assertTrue(c.timeMs() < 0.015, "a 6 MB fp8 GEMM under graph replay: " + c.timeMs());
    }

    @Test
    void decodeAttentionBetweenMeasuredLengthsIsInterpolated() {
        OpCostModel m = SHIPPED.forGpu(TestGpus.h100(), VLLM);
        OpCost at = m.cost(StepOps.attention(OpKind.ATTENTION_DECODE, 32, 1, 2047));
        OpCost between = m.cost(StepOps.attention(OpKind.ATTENTION_DECODE, 32, 1, 3000));
        OpCost above = m.cost(StepOps.attention(OpKind.ATTENTION_DECODE, 32, 1, 4095));
        assertEquals(Provenance.MEASURED, at.provenance());
        assertEquals(Provenance.INTERPOLATED, between.provenance());
        assertTrue(between.timeMs() >= at.timeMs() && between.timeMs() <= above.timeMs());
    }

    @Test
    void uncoveredOpsFallBackToTheRoofline() {
        OpCostModel m = SHIPPED.forGpu(TestGpus.h100(), VLLM);
        Op norm = StepOps.elementwise("norm", 1 << 20);
        assertEquals(new RooflineCostModel(TestGpus.h100(), VLLM).cost(norm), m.cost(norm));
        Op crossNode = new Op("ep_a2a", OpKind.ALL_TO_ALL, ComputeDtype.BF16, 0, 1e6, 0, 1,
                new OpShape.Collective(500_000, 2, 16, true));
        assertEquals(Provenance.ROOFLINE, m.cost(crossNode).provenance());
    }

    @Test
    void allReduceReadsTheFrameworksCustomAllReduce() {
        OpCost c = SHIPPED.forGpu(TestGpus.h100(), VLLM).cost(StepOps.allReduce(8192, 4));
        assertEquals(Provenance.MEASURED, c.provenance());
        assertEquals(Bound.COMMUNICATION, c.bound());
        double table = measured("custom_allreduce_vllm.csv.gz", KernelFamily.ALLREDUCE, "bfloat16||vllm_graph",
                new double[]{4}, new double[]{8192});
        assertEquals(table, c.timeMs(), 1e-4 * table);
    }

    @Test
    void gpusWithoutTablesGetTransferredCurves() {
        for (GpuSpec gpu : List.of(TestGpus.b200(), TestGpus.a100(), mi300x())) {
            OpCostModel m = SHIPPED.forGpu(gpu, TestGpus.backend("sglang"));
            Precision fp8 = new Precision(NumberFormat.FP8, ComputeDtype.FP8, false);
            for (Op op : List.of(StepOps.gemm("up", 256, 14336, 4096, fp8),
                    StepOps.attention(OpKind.ATTENTION_PREFILL, 2, 4096, 0),
                    StepOps.attention(OpKind.ATTENTION_DECODE, 64, 1, 8000), StepOps.allReduce(1 << 20, 8))) {
                OpCost c = m.cost(op);
                assertTrue(c.timeMs() > 0, gpu.id() + " " + op.name());
                assertTrue(c.provenance() == Provenance.TRANSFERRED || c.provenance() == Provenance.EXTRAPOLATED,
                        gpu.id() + " " + op.name() + " " + c.provenance());
            }
        }
    }

    @Test
    void fasterMemoryMakesWeightStreamingFaster() {
        Op decodeGemm = StepOps.gemm("down", 1, 8192, 28672, Precision.BF16);
        CostModelProvider onlyH100 = CalibratedCostModels.provider(BundleCatalog.shipped().onlyGpu("h100-sxm"));
        double h100 = onlyH100.forGpu(TestGpus.h100(), VLLM).cost(decodeGemm).timeMs();
        double b200 = onlyH100.forGpu(TestGpus.b200(), VLLM).cost(decodeGemm).timeMs();
        assertTrue(b200 < 0.7 * h100, "B200 " + b200 + " vs H100 " + h100);
    }

    @Test
    void anUnknownFrameworkStillGetsAnAnswer() {
        OpCost c = SHIPPED.forGpu(TestGpus.h100(), TestGpus.backend("tgi"))
                .cost(StepOps.gemm("o", 16, 4096, 4096, Precision.BF16));
        assertEquals(Provenance.TRANSFERRED, c.provenance());
    }

    @Test
    void anEmptyCatalogMeansRoofline() {
        OpCostModel m = CalibratedCostModels.provider(BundleCatalog.of(List.of())).forGpu(TestGpus.h100(), VLLM);
        assertInstanceOf(RooflineCostModel.class, m);
    }

    @Test
    void aUsersBundleDirectoryComesFirst(@TempDir Path dir) throws IOException {
        List<KernelRow> rows = new ArrayList<>();
        for (int m = 1; m <= 1024; m *= 4) {
            rows.add(new KernelRow("bfloat16", new double[]{4096, 4096}, new double[]{m}, "mine", 1.0 + m, 0));
        }
        CalibrationBundle mine = CalibrationBundle.build("h100-sxm", "vllm",
                dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec.of(TestGpus.h100()),
                Map.of(KernelFamily.GEMM, rows), "test", "");
        BundleIo.write(mine, dir.resolve("h100-sxm").resolve("vllm"));
        OpCostModel m = CalibratedCostModels.provider(Optional.of(dir)).forGpu(TestGpus.h100(), VLLM);
        assertEquals(17.0, m.cost(StepOps.gemm("qkv", 16, 4096, 4096, Precision.BF16)).timeMs(), 1e-9);
    }

    @Test
    void concurrentLookupsAgreeWithSequentialOnes() {
        OpCostModel m = SHIPPED.forGpu(TestGpus.h200(), TestGpus.backend("trtllm"));
        List<Op> ops = new ArrayList<>();
        for (int b = 1; b <= 64; b++) {
            ops.addAll(StepOps.decode(b, 100L * b));
        }
        List<Double> parallel = ops.parallelStream().map(o -> m.cost(o).timeMs()).toList();
        List<Double> sequential = ops.stream().map(o -> m.cost(o).timeMs()).toList();
        assertEquals(sequential, parallel);
    }

    private static GpuSpec mi300x() {
        Map<ComputeDtype, Double> peaks = new EnumMap<>(ComputeDtype.class);
        peaks.put(ComputeDtype.BF16, 1307e12);
        peaks.put(ComputeDtype.FP8, 2615e12);
        return new GpuSpec("mi300x", "MI300X", "amd", peaks, 192L << 30, 5.3e12, 64e9, 8, 50e9, 8, 10, 20, 3,
                new Efficiency(0.7, 0.8, 0.5, 0.7), "HARDWARE_FACTS.md");
    }

    /**
     * A user's bundle for a GPU and engine prices what it measured; what it has no table for comes
     * from the next bundle of the same GPU and engine (the shipped one), not from the roofline.
     */
    @Test
    void aPartialUserBundleIsLayeredOverTheShippedOneOfItsGpuAndEngine() {
        GpuSpec h200 = TestGpus.h200();
        CalibrationBundle shipped = BundleCatalog.shipped().exactLayers("h200-sxm", "vllm").get(0);
        List<KernelRow> someGemms = shipped.rows(KernelFamily.GEMM).subList(0, 200);
        CalibrationBundle gemmsOnly = CalibrationBundle.build("h200-sxm", "vllm", shipped.reference(),
                Map.of(KernelFamily.GEMM, someGemms), "a partial profile", "test");
        CostModelProvider layered = CalibratedCostModels.provider(
                BundleCatalog.of(List.of(gemmsOnly)).then(BundleCatalog.shipped()));
        Op decode = StepOps.attention(OpKind.ATTENTION_DECODE, 16, 1, 4096);
        OpCost fromLayers = layered.forGpu(h200, VLLM).cost(decode);
        assertEquals(SHIPPED.forGpu(h200, VLLM).cost(decode), fromLayers);
        assertNotEquals(Provenance.ROOFLINE, fromLayers.provenance(), "the shipped attention table, not the roofline");
        CostModelProvider alone = CalibratedCostModels.provider(BundleCatalog.of(List.of(gemmsOnly)));
        assertEquals(Provenance.ROOFLINE, alone.forGpu(h200, VLLM).cost(decode).provenance(),
                "without a bundle below it, the roofline prices what the profile left out");
    }
}
