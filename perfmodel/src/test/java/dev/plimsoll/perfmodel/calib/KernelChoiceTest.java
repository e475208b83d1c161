package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Provenance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernel choices the serving model makes on the measured tables: Marlin for MXFP4 experts when an
 * engine is launched with it, and GEMM categories timed with host work left to the next category.
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
