package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 8-bit MoE categories measured slower than BF16 are read from the next category of the dtype chain
 * on another architecture, and only there (the shipped H200 bundles, B200 and H100 as targets).
 */
class SlowQuantisedCategoriesTest {
    private static final ReferenceSpec B200 = ReferenceSpec.of(TestGpus.b200());
    private static final ReferenceSpec H100 = ReferenceSpec.of(TestGpus.h100());

    private static FamilyModel moe(String backend) {
        return BundleCatalog.shipped().exactLayers("h200-sxm", backend).get(0).model(KernelFamily.MOE).orElseThrow();
    }

    /** The first row of the H200 vLLM MoE table in {@code category}. */
    private static KernelQuery vllmRow(String category) {
        KernelRow row = KernelTableReader.read(SharedData.kernels("h200_sxm").resolve("moe_vllm.csv.gz"),
                KernelFamily.MOE, "vllm").rows().stream().filter(r -> r.category().equals(category)).findFirst()
                .orElseThrow();
        return KernelQuery.ofRow(KernelFamily.MOE, row);
    }

    @Test
    void vllmsPerTensorFp8MoeIsSlowerThanBf16OnHopperAndSkippedOnlyForAnotherArchitecture() {
        FamilyModel vllm = moe("vllm");
        for (String routing : new String[]{"balanced", "power_law_1.01", "power_law_1.2"}) {
            String fp8 = "fp8|" + routing;
            assertTrue(vllm.slowOnAnotherArchitecture(fp8, B200), fp8);
            assertFalse(vllm.slowOnAnotherArchitecture(fp8, H100), "same formats: the kernel is what runs " + fp8);
            assertFalse(vllm.slowOnAnotherArchitecture("fp8_block|" + routing, B200), "block FP8 beats BF16 there");
        }
    }

    @Test
    void fasterFp8KernelsAndWeightOnlyFormatsAreKept() {
        FamilyModel trtllm = moe("trtllm");
        assertFalse(trtllm.slowOnAnotherArchitecture("fp8|balanced", B200), "TensorRT-LLM's CUTLASS FP8 MoE");
        assertFalse(trtllm.slowOnAnotherArchitecture("bfloat16|balanced", B200));
        // weight-only MXFP4 computes in BF16 after dequantising: slower than BF16 on Hopper, rightly
        assertFalse(trtllm.slowOnAnotherArchitecture("w4a16_mxfp4|balanced", B200));
    }

    @Test
    void anotherArchitectureReadsTheNextCategoryOfTheChain() {
        FamilyModel vllm = moe("vllm");
        KernelQuery q = vllmRow("fp8|balanced");
        assertEquals("fp8_block|balanced", vllm.curveCategory(q, B200));
        assertEquals("fp8|balanced", vllm.curveCategory(q, H100));
        assertEquals(vllm.predict(q, "fp8_block|balanced", B200, false).timeMs(),
                vllm.predict(q, B200, false).timeMs());
        assertEquals(vllm.predict(q, "fp8|balanced", H100, false).timeMs(), vllm.predict(q, H100, false).timeMs());
        // NVFP4 reads FP8 curves as its substitute: past the slow one as well
        KernelQuery fp4 = q.withCategory("nvfp4|balanced");
        assertEquals("fp8_block|balanced", vllm.curveCategory(fp4, B200));
        assertNotEquals(vllm.predict(fp4, "fp8|balanced", B200, false).timeMs(), vllm.predict(fp4, B200, false).timeMs());
    }
}
