package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantPresetsTest {

    @Test
    void presetsSetWeightsActivationsAndBlockScales() {
        expect("bf16", NumberFormat.BF16, ComputeDtype.BF16, false);
        expect("fp16", NumberFormat.FP16, ComputeDtype.BF16, false);
        expect("fp8", NumberFormat.FP8, ComputeDtype.FP8, false);
        expect("fp8-block", NumberFormat.FP8, ComputeDtype.FP8, true);
        expect("int8", NumberFormat.INT8, ComputeDtype.INT8, false);
        expect("int4", NumberFormat.INT4, ComputeDtype.BF16, false);
        expect("nvfp4", NumberFormat.NVFP4, ComputeDtype.FP4, false);
        expect("mxfp4", NumberFormat.MXFP4, ComputeDtype.FP4, false);
        expect("w4a8", NumberFormat.INT4, ComputeDtype.FP8, false);
        assertEquals(NumberFormat.BF16, QuantPresets.get("nvfp4").kvCache(), "KV cache defaults to bf16");
        assertEquals(NumberFormat.FP16, QuantPresets.get("fp16").kvCache());
        assertEquals(QuantPresets.get("fp8"), QuantPresets.get(" FP8 "), "names are case-insensitive");
    }

    private static void expect(String name, NumberFormat weights, ComputeDtype act, boolean block) {
        QuantScheme s = QuantPresets.get(name);
        assertEquals(name, s.name());
        assertEquals(weights, s.linearWeights(), name);
        assertEquals(weights, s.expertWeights(), name);
        assertEquals(act, s.activations(), name);
        assertEquals(block, s.blockScaled(), name);
    }

    @Test
    void kvCacheOptionOverridesTheCacheOnly() {
        QuantScheme s = QuantPresets.get("fp8-block", "fp8");
        assertEquals(NumberFormat.FP8, s.kvCache());
        assertTrue(s.blockScaled());
        assertEquals(NumberFormat.BF16, QuantPresets.get("fp8", "bf16").kvCache());
        UserInputException e = assertThrows(UserInputException.class, () -> QuantPresets.get("fp8", "int3"));
        assertEquals("unknown KV-cache type 'int3'; valid: bf16, fp16, fp8", e.getMessage());
    }

    @Test
    void unknownPresetListsTheValidNames() {
        UserInputException e = assertThrows(UserInputException.class, () -> QuantPresets.get("fp6"));
        assertEquals("unknown quantisation 'fp6'; valid: bf16, fp16, fp8, fp8-block, int8, int4, nvfp4, mxfp4, w4a8",
                e.getMessage());
    }

    @Test
    void scopeKeepsTheOtherGroupInBf16() {
        QuantScheme experts = QuantPresets.scoped(QuantPresets.get("mxfp4"), QuantScope.EXPERTS);
        assertEquals("mxfp4-experts", experts.name());
        assertEquals(NumberFormat.BF16, experts.linearWeights());
        assertEquals(NumberFormat.MXFP4, experts.expertWeights());
        QuantScheme linear = QuantPresets.scoped(QuantPresets.get("fp8"), QuantScope.LINEAR);
        assertEquals(NumberFormat.FP8, linear.linearWeights());
        assertEquals(NumberFormat.BF16, linear.expertWeights());
        assertEquals(QuantPresets.get("int4"), QuantPresets.scoped(QuantPresets.get("int4"), QuantScope.ALL));
    }

    @Test
    void weightOnlyPresetRunsInBf16OnAGpuWithoutTheActivationType() {
        GpuSpec a100 = SpecRegistry.bundled().gpu("a100-sxm-80gb");
        ResolvedQuant fp8OnAmpere = QuantResolver.resolve(QuantPresets.get("fp8"), a100);
        assertEquals(ComputeDtype.BF16, fp8OnAmpere.linear().compute());
        assertEquals(NumberFormat.FP8, fp8OnAmpere.linear().weights());
        assertFalse(fp8OnAmpere.note().isEmpty());
        GpuSpec b200 = SpecRegistry.bundled().gpu("b200-sxm");
        assertEquals(ComputeDtype.FP4, QuantResolver.resolve(QuantPresets.get("nvfp4"), b200).linear().compute());
    }
}
