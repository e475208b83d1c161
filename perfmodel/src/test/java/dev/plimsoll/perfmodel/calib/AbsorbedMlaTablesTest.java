package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DeepSeek's MLA prefill without cached tokens runs as multi-head attention in every engine, while
 * AIConfigurator's SGLang tables before Blackwell timed the absorbed kernel.
 */
class AbsorbedMlaTablesTest {
    private static final OpCostModel SGLANG_H200 = CalibratedCostModels.provider(Optional.empty())
            .forGpu(TestGpus.h200(), TestGpus.backend("sglang"));

    private static double fastest(String file, KernelFamily family, String category, double[] shape, double[] grid) {
        return KernelTableReader.read(SharedData.kernels("h200_sxm").resolve(file), family, "sglang").rows().stream()
                .filter(r -> r.category().equals(category) && Arrays.equals(r.shape(), shape)
                        && Arrays.equals(r.grid(), grid))
                .mapToDouble(KernelRow::latencyMs).min().orElseThrow(() -> new AssertionError("row not in table"));
    }

    private static OpCost mlaPrefill(long prefixTokens) {
        OpShape.Mla shape = new OpShape.Mla(1, 8192, prefixTokens, 16, 8, NumberFormat.BF16);
        return SGLANG_H200.cost(new Op("mla_prefill", OpKind.MLA_PREFILL, ComputeDtype.BF16, 1.0, 1.0, 1, 1, shape));
    }

    @Test
    void onlySglangTablesBeforeBlackwellTimedTheAbsorbedForm() {
        assertTrue(AbsorbedMlaTables.contextTableIsAbsorbed("sglang", ReferenceSpec.of(TestGpus.h200())));
        assertTrue(AbsorbedMlaTables.contextTableIsAbsorbed("sglang", ReferenceSpec.of(TestGpus.h100())));
        assertFalse(AbsorbedMlaTables.contextTableIsAbsorbed("sglang", ReferenceSpec.of(TestGpus.b200())),
                "the collector runs TRTLLMMLABackend with 192/128 heads on Blackwell");
        assertFalse(AbsorbedMlaTables.contextTableIsAbsorbed("trtllm", ReferenceSpec.of(TestGpus.h200())));
    }

    @Test
    void sglangPromptWithoutCachePaysTheMultiHeadKernelOfItsOwnAttentionTable() {
        double fa3Wide = fastest("context_attention_sglang.csv.gz", KernelFamily.CONTEXT_ATTENTION,
                "bfloat16|bfloat16", new double[]{16, 1, 192, 0}, new double[]{1, 8192});
        double absorbed = fastest("context_mla_sglang.csv.gz", KernelFamily.CONTEXT_MLA,
                "bfloat16|bfloat16", new double[]{16}, new double[]{1, 8192});
        OpCost fresh = mlaPrefill(0);
        assertEquals(fa3Wide * 320.0 / 384.0, fresh.timeMs(), 0.03 * fa3Wide,
                "FA3 at 192-wide heads, values 128 of 192 wide");
        assertTrue(absorbed > 3 * fresh.timeMs(), "the absorbed table: " + absorbed + " ms vs " + fresh.timeMs());
    }

    @Test
    void aChunkOverAShortCachedPrefixKeepsTheAbsorbedKernelALongOneDoesNot() {
        OpCost overShort = mlaPrefill(256);
        assertTrue(overShort.timeMs() > 2 * mlaPrefill(0).timeMs(),
                "SGLang dispatches the absorbed MLA for an extend over a short prefix: " + overShort.timeMs());
        OpCost overLong = mlaPrefill(8192);
        assertTrue(overLong.timeMs() < overShort.timeMs() * 2,
                "from 8,192 cached tokens the chunked multi-head kernel, twice the keys: " + overLong.timeMs());
        assertTrue(overLong.timeMs() > mlaPrefill(0).timeMs(), "more keys than the prompt alone");
    }
}
