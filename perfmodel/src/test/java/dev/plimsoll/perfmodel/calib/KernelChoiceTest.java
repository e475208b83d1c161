package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.Provenance;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernel choices the serving model makes on the measured tables: Marlin for MXFP4 experts when an
 * engine is launched with it, TensorRT-LLM's launched kernel for NVFP4 experts, and GEMM categories
 * timed with host work left to the next category.
 */
class KernelChoiceTest {
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());
    /** gpt-oss-120b's MoE block at moe_tp 2: hidden 2880, intermediate 2880, top-4 of 128 experts. */
    private static final double[] GPT_OSS_TP2 = {2880, 2880, 4, 128, 2, 1};

    private static List<KernelRow> table(String file, KernelFamily family) {
        return KernelTableReader.read(SharedData.kernels("h100_sxm").resolve(file), family, "vllm").rows();
    }

    private static Prediction moe(FamilyModel m, String kernelClass, double tokens) {
        KernelQuery q = KernelQuery.of(KernelFamily.MOE, "w4a16_mxfp4|balanced", GPT_OSS_TP2, new double[]{tokens});
        return m.predict(q, q.category(), kernelClass, H100, true);
    }

    @Test
    void marlinIsReadFromItsOwnCurvesAtAnotherShape() {
        FamilyModel m = FamilyModel.build(KernelFamily.MOE, table("moe_vllm.csv.gz", KernelFamily.MOE), H100);
        Prediction triton = moe(m, "", 8192);
        Prediction marlin = moe(m, MoeKernel.MARLIN.tableClass(), 8192);
        assertEquals(Provenance.MEASURED, triton.provenance(), "Triton MXFP4 is measured at gpt-oss's shape");
        assertEquals(Provenance.TRANSFERRED, marlin.provenance(), "Marlin MXFP4 only at hidden 3584, 896 experts");
        assertTrue(marlin.timeMs() > 2 * triton.timeMs(),
                "a prefill-sized block runs at Marlin's lower utilisation: " + marlin.timeMs() + " vs " + triton.timeMs());
        assertEquals(triton.timeMs(), moe(m, "nvfp4-kernel-nobody-measured", 8192).timeMs(), 1e-12,
                "an unmeasured kernel class reads every shape");
    }

    @Test
    void kernelClassesFollowTheTablesKernelNames() {
        assertEquals("marlin", MoeKernel.classOf("vllm_compressedtensorsw4a4mxfp4moe_marlin_marlinexperts_situ_as_silu"));
        assertEquals("", MoeKernel.classOf("vllm_gptossmxfp4moe_triton_oaitritonmxfp4expertsmonolithic"));
    }

    /** DeepSeek-R1's MoE block at EP 8: hidden 7168, intermediate 2048, top-8 of 256 experts. */
    private static final double[] DEEPSEEK_EP8 = {7168, 2048, 8, 256, 1, 8};

    /**
     * A table that times NVFP4 experts with both of TensorRT-LLM's kernels at every token count, the
     * trtllm-gen one twice as fast as CUTLASS up to 1,024 tokens and CUTLASS the faster above.
     */
    private static List<KernelRow> twoKernelRows() {
        List<KernelRow> rows = new ArrayList<>();
        for (int tokens = 1; tokens <= 16384; tokens *= 2) {
            double cutlassMs = 0.05 + tokens * 1e-4;
            double trtllmGenMs = tokens <= 1024 ? cutlassMs / 2 : cutlassMs * 1.25;
            rows.add(new KernelRow("nvfp4|balanced", DEEPSEEK_EP8, new double[]{tokens}, "moe_torch_flow_cutlass",
                    cutlassMs, 0));
            rows.add(new KernelRow("nvfp4|balanced", DEEPSEEK_EP8, new double[]{tokens}, "moe_torch_flow_min_latency",
                    trtllmGenMs, 0));
            rows.add(new KernelRow("fp8|balanced", DEEPSEEK_EP8, new double[]{tokens}, "moe_torch_flow_cutlass",
                    cutlassMs, 0));
        }
        return rows;
    }

    private static FamilyModel twoKernelTable() {
        return FamilyModel.build(KernelFamily.MOE, twoKernelRows(), ReferenceSpec.of(TestGpus.b200()));
    }

    private static double nvfp4(FamilyModel m, String category, Nvfp4MoeKernel kernel, double tokens) {
        KernelQuery q = KernelQuery.of(KernelFamily.MOE, category, DEEPSEEK_EP8, new double[]{tokens});
        return m.predict(q, category, kernel.tableClass(), m.reference(), true).timeMs();
    }

    @Test
    void aLaunchThatNamesItsNvfp4KernelReadsThatKernelsRowsAlone() {
        FamilyModel m = twoKernelTable();
        double cutlass = 0.05 + 256 * 1e-4;
        assertEquals(cutlass, nvfp4(m, "nvfp4|balanced", Nvfp4MoeKernel.CUTLASS, 256), 1e-12);
        assertEquals(cutlass / 2, nvfp4(m, "nvfp4|balanced", Nvfp4MoeKernel.TRTLLM_GEN, 256), 1e-12);
        assertEquals(cutlass / 2, nvfp4(m, "nvfp4|balanced", Nvfp4MoeKernel.ANY, 256), 1e-12,
                "a launch that does not say reads the faster at each point");
        double large = 0.05 + 8192 * 1e-4;
        assertEquals(large, nvfp4(m, "nvfp4|balanced", Nvfp4MoeKernel.ANY, 8192), 1e-12, "CUTLASS is the faster there");
        assertEquals(large * 1.25, nvfp4(m, "nvfp4|balanced", Nvfp4MoeKernel.TRTLLM_GEN, 8192), 1e-12);
        assertTrue(m.kernelClassSets().keySet().stream().noneMatch(k -> k.startsWith("fp8|")),
                "a category timed with one kernel has nothing to choose");
    }

    @Test
    void aKernelTableIsScoredWithTheCurvesOfTheKernelThatTimedEachRow() {
        FamilyModel m = twoKernelTable();
        List<KernelRow> rows = twoKernelRows().stream().filter(r -> r.category().startsWith("nvfp4|")).toList();
        ValidationReport.FamilyScore score = KernelValidator.score("trtllm", KernelFamily.MOE, rows, Set.of(),
                m, m.reference(), true, "test");
        assertEquals(0.0, score.p90Error(), 1e-9, "both kernels' rows are their own curves' points");
    }

    @Test
    void theB200TablesTimeTensorRtLlmsCutlassNvfp4MoeSlowerThanItsTrtllmGenOne() {
        FamilyModel moe = BundleIo.readResource(BundleCatalog.SHIPPED_ROOT + "/b200-sxm/trtllm")
                .model(KernelFamily.MOE).orElseThrow();
        for (double tokens : new double[]{1, 32, 256}) {
            double cutlass = nvfp4(moe, "nvfp4|power_law_1.01", Nvfp4MoeKernel.CUTLASS, tokens);
            double trtllmGen = nvfp4(moe, "nvfp4|power_law_1.01", Nvfp4MoeKernel.TRTLLM_GEN, tokens);
            assertTrue(cutlass > 1.3 * trtllmGen, tokens + " tokens: CUTLASS " + cutlass + " ms, trtllm-gen " + trtllmGen);
            assertEquals(trtllmGen, nvfp4(moe, "nvfp4|power_law_1.01", Nvfp4MoeKernel.ANY, tokens), 1e-12,
                    "the faster of the two where the launch does not say");
        }
    }

    @Test
    void launchChoicesAreReadPerFamily() {
        assertEquals("trtllm_gen", LaunchChoices.classOf(KernelFamily.MOE, "moe_torch_flow_min_latency"));
        assertEquals("triton", LaunchChoices.classOf(KernelFamily.CONTEXT_ATTENTION, "triton"));
        assertEquals("flashinfer", LaunchChoices.classOf(KernelFamily.GENERATION_ATTENTION, "flashinfer"));
        assertEquals("", LaunchChoices.classOf(KernelFamily.MOE, "triton"), "not a choice a MoE launch makes");
        assertEquals("", LaunchChoices.classOf(KernelFamily.GEMM, "moe_torch_flow_cutlass"));
    }

    @Test
    void theB200SglangAttentionTableIsReproducedRowByRowFromItsBundle() {
        CalibrationBundle b200 = BundleIo.readResource(BundleCatalog.SHIPPED_ROOT + "/b200-sxm/sglang");
        for (KernelFamily family : List.of(KernelFamily.CONTEXT_ATTENTION, KernelFamily.GENERATION_ATTENTION)) {
            List<KernelRow> rows = KernelTableReader.read(SharedData.kernels("b200_sxm").resolve(family.fileName("sglang")),
                    family, "sglang").rows();
            ValidationReport.FamilyScore score = KernelValidator.score("sglang", family, rows, Set.of(),
                    b200.model(family).orElseThrow(), b200.reference(), true, "test");
            assertEquals(0.0, score.p90Error(), 1e-4, family + ": trtllm_mha, flashinfer and triton rows of one "
                    + "configuration each read their own backend's curves");
        }
    }

    @Test
    void nvfp4KernelClassesFollowTensorRtLlmsCollectorLabels() {
        assertEquals("cutlass", Nvfp4MoeKernel.classOf("moe_torch_flow_cutlass"));
        assertEquals("trtllm_gen", Nvfp4MoeKernel.classOf("moe_torch_flow_min_latency"));
        assertEquals("", Nvfp4MoeKernel.classOf("vllm_compressedtensorsw4a4nvfp4moe_flashinfer_cutlass_flashinferexperts"),
                "vLLM's and SGLang's tables time what their engines pick by themselves");
        assertEquals("", Nvfp4MoeKernel.classOf("sglang_flashinfer_trtllm_moe"));
    }

    @Test
    void vllmBlockFp8GemmsWereTimedWithHostWorkInside() {
        FamilyModel vllm = FamilyModel.build(KernelFamily.GEMM, table("gemm_vllm.csv.gz", KernelFamily.GEMM), H100);
        assertTrue(vllm.hostBound("fp8_block"), "never below 55 us, 22x the table's fastest GEMM");
        assertFalse(vllm.hostBound("fp8"));
        assertFalse(vllm.hostBound("bfloat16"));
        List<KernelRow> sglangRows = KernelTableReader.read(SharedData.kernels("h100_sxm").resolve("gemm_sglang.csv.gz"),
                KernelFamily.GEMM, "sglang").rows();
        FamilyModel sglang = FamilyModel.build(KernelFamily.GEMM, sglangRows, H100);
        assertFalse(sglang.hostBound("fp8_block"), "the same kernels under graph replay: 3.4 us at the smallest");
    }
}
