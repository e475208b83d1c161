package dev.plimsoll.profiler.plan;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanBuilderTest {
    private static final SpecRegistry SPECS = SpecRegistry.bundled();
    private static final GpuSpec H200 = SPECS.gpu("h200-sxm");

    private static KernelPlan plan(List<String> models, List<Integer> tp, String quant, ProfileDepth depth,
                                   List<long[]> extra) {
        return PlanBuilder.build(new PlanRequest(models.stream().map(SPECS::model).toList(), H200, tp,
                Optional.ofNullable(quant), Optional.empty(), depth, extra));
    }

    private static Set<String> weights(KernelPlan p, String dtype) {
        return p.gemms().stream().filter(g -> g.dtype().equals(dtype)).map(g -> g.n() + "x" + g.k())
                .collect(Collectors.toSet());
    }

    @Test
    void llama8bAtTp1MeasuresEveryLinearLayerAtEveryTokenCount() {
        KernelPlan p = plan(List.of("llama-3.1-8b"), List.of(1), null, ProfileDepth.QUICK, List.of());
        // qkv (32 + 2 x 8 heads of 128), o_proj, gate_up (2 x 14336), down, lm_head (vocab 128256)
        assertEquals(Set.of("6144x4096", "4096x4096", "28672x4096", "4096x14336", "128256x4096"),
                weights(p, GemmDtypes.BF16));
        assertTrue(weights(p, GemmDtypes.FP8).isEmpty(), "a bf16 checkpoint at the quick depth measures bf16 only");
        assertEquals(5 * ProfileDepth.QUICK.gemmTokens().size(), p.gemms().size());
        assertEquals(Set.of(new AttentionHeads(32, 8, 128)), p.decodes().stream().map(DecodePoint::heads)
                .collect(Collectors.toSet()));
        assertTrue(p.decodes().stream().allMatch(d -> d.kvDtype().equals(DecodePoint.BF16)));
        assertTrue(p.decodes().stream().allMatch(d -> (long) d.batch() * (d.step() + 1)
                <= ProfileDepth.QUICK.decodeMaxCachedTokens()));
        assertTrue(p.prefills().stream().allMatch(x -> (long) x.batch() * x.isl()
                <= ProfileDepth.QUICK.prefillMaxTokens()));
        // RMSNorm over the hidden size, SiLU-and-multiply over the intermediate size
        assertEquals(Set.of(4096, 14336), p.elementwise().stream().map(ElementwisePoint::width)
                .collect(Collectors.toSet()));
        assertEquals(p.gemms().size() + p.prefills().size() + p.decodes().size() + p.elementwise().size()
                + 2 * p.bandwidthBytes().size(), p.size());
    }

    @Test
    void tensorParallelSplitsTheShapesAndFp8AddsItsOwnGemms() {
        KernelPlan p = plan(List.of("llama-3.1-8b"), List.of(2), "fp8", ProfileDepth.QUICK, List.of());
        Set<String> fp8 = weights(p, GemmDtypes.FP8);
        assertTrue(fp8.containsAll(Set.of("3072x4096", "4096x2048", "14336x4096", "4096x7168")), fp8.toString());
        assertFalse(fp8.contains("64128x4096"), "the LM head stays bf16");
        assertTrue(weights(p, GemmDtypes.BF16).contains("64128x4096"));
        assertTrue(weights(p, GemmDtypes.BF16).containsAll(fp8), "bf16 curves back every shape");
        assertEquals(Set.of(new AttentionHeads(16, 4, 128)), p.decodes().stream().map(DecodePoint::heads)
                .collect(Collectors.toSet()));
    }

    @Test
    void fullDepthMeasuresBothGemmTypesAndBothKvCaches() {
        KernelPlan p = plan(List.of("llama-3.1-8b"), List.of(1), null, ProfileDepth.FULL, List.of());
        assertEquals(weights(p, GemmDtypes.BF16).size() - 0, weights(p, GemmDtypes.FP8).size());
        assertEquals(Set.of(DecodePoint.BF16, DecodePoint.FP8), p.decodes().stream().map(DecodePoint::kvDtype)
                .collect(Collectors.toSet()));
        assertTrue(p.gemms().size() > 2 * plan(List.of("llama-3.1-8b"), List.of(1), null, ProfileDepth.QUICK,
                List.of()).gemms().size());
    }

    @Test
    void aListOfKvCachesPlansDecodeForEachAndTheGemmsOnce() {
        KernelPlan one = PlanBuilder.build(new PlanRequest(List.of(SPECS.model("llama-3.1-8b")), H200, List.of(1),
                Optional.of("fp8"), Optional.of("bf16"), ProfileDepth.QUICK, List.of()));
        KernelPlan both = PlanBuilder.build(new PlanRequest(List.of(SPECS.model("llama-3.1-8b")), H200, List.of(1),
                Optional.of("fp8"), Optional.of("bf16, fp8"), ProfileDepth.QUICK, List.of()));
        assertEquals(Set.of(DecodePoint.BF16), one.decodes().stream().map(DecodePoint::kvDtype)
                .collect(Collectors.toSet()));
        assertEquals(Set.of(DecodePoint.BF16, DecodePoint.FP8), both.decodes().stream().map(DecodePoint::kvDtype)
                .collect(Collectors.toSet()));
        assertEquals(2 * one.decodes().size(), both.decodes().size());
        assertEquals(one.gemms(), both.gemms(), "the KV cache changes no GEMM");
        assertEquals(List.of("llama-3.1-8b tp1 (linear fp8, kv bfloat16)", "llama-3.1-8b tp1 (linear fp8, kv fp8)"),
                both.layouts());
        assertThrows(UserInputException.class, () -> PlanBuilder.build(new PlanRequest(
                List.of(SPECS.model("llama-3.1-8b")), H200, List.of(1), Optional.empty(), Optional.of("bf16,"),
                ProfileDepth.QUICK, List.of())));
    }

    @Test
    void aLayoutThatDoesNotDivideIsSkippedAndNamed() {
        // llama-3.1-8b has 8 KV heads: tp 3 divides neither way
        KernelPlan p = plan(List.of("llama-3.1-8b"), List.of(1, 3), null, ProfileDepth.QUICK, List.of());
        assertEquals(1, p.layouts().size());
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("skipped llama-3.1-8b tp3")), p.notes().toString());
        UserInputException e = assertThrows(UserInputException.class,
                () -> plan(List.of("llama-3.1-8b"), List.of(3), null, ProfileDepth.QUICK, List.of()));
        assertTrue(e.getMessage().contains("tp3"), e.getMessage());
    }

    @Test
    void whatIsNotProfiledIsSaid() {
        KernelPlan p = plan(List.of("deepseek-r1"), List.of(8), null, ProfileDepth.QUICK, List.of());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("MoE expert blocks are not profiled")));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("MLA attention is not profiled")));
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("collectives are not profiled")));
        assertTrue(p.decodes().isEmpty(), "MLA has no paged GQA decode points");
        assertFalse(weights(p, GemmDtypes.FP8_BLOCK).isEmpty(), "DeepSeek's block-scaled fp8 projections");
    }

    @Test
    void extraWeightShapesComeInEveryTypeThePlanMeasures() {
        KernelPlan p = plan(List.of("llama-3.1-8b"), List.of(1), "fp8", ProfileDepth.QUICK,
                List.of(new long[]{8192, 8192}));
        assertTrue(weights(p, GemmDtypes.BF16).contains("8192x8192"));
        assertTrue(weights(p, GemmDtypes.FP8).contains("8192x8192"));
        assertThrows(UserInputException.class, () -> plan(List.of("llama-3.1-8b"), List.of(1), null,
                ProfileDepth.QUICK, List.of(new long[]{0, 8})));
    }

    @Test
    void aListOfQuantisationsPlansEachOfThem() {
        KernelPlan both = plan(List.of("llama-3.1-8b"), List.of(1), "fp8,fp8-block", ProfileDepth.QUICK, List.of());
        KernelPlan fp8 = plan(List.of("llama-3.1-8b"), List.of(1), "fp8", ProfileDepth.QUICK, List.of());
        assertEquals(weights(fp8, GemmDtypes.FP8), weights(both, GemmDtypes.FP8));
        assertEquals(weights(fp8, GemmDtypes.FP8), weights(both, GemmDtypes.FP8_BLOCK));
        assertEquals(fp8.decodes(), both.decodes(), "the attention shapes are the same under both");
        assertEquals(2, both.layouts().size(), both.layouts().toString());
        assertThrows(UserInputException.class, () -> plan(List.of("llama-3.1-8b"), List.of(1), "fp8,,bf16",
                ProfileDepth.QUICK, List.of()));
    }

    @Test
    void noModelIsAnError() {
        assertThrows(UserInputException.class, () -> plan(List.of(), List.of(1), null, ProfileDepth.QUICK, List.of()));
    }

    @Test
    void theEstimateGrowsWithThePlanAndIncludesTheBuild() {
        KernelPlan quick = plan(List.of("llama-3.1-8b"), List.of(1), null, ProfileDepth.QUICK, List.of());
        KernelPlan full = plan(List.of("llama-3.1-8b"), List.of(1), null, ProfileDepth.FULL, List.of());
        double q = PlanTimeEstimate.seconds(quick, H200);
        assertTrue(q > PlanTimeEstimate.COMPILE_S);
        assertTrue(PlanTimeEstimate.seconds(full, H200) > q);
        String text = PlanSummary.text(quick, H200);
        assertTrue(text.contains("GEMMs (cuBLASLt): 70 points"), text);
        assertEquals(quick.size(), PlanSummary.json(quick, H200).get("points"));
    }

    @Test
    void eachFp8RecipeAddsTheFp8GemmsAgainAndNothingElse() {
        PlanTimeEstimate one = new PlanTimeEstimate(H200, ProfileDepth.QUICK);
        PlanTimeEstimate three = new PlanTimeEstimate(H200, ProfileDepth.QUICK, 3);
        GemmPoint fp8 = new GemmPoint("fp8", 64, 8192, 8192);
        GemmPoint bf16 = new GemmPoint("bfloat16", 64, 8192, 8192);
        assertEquals(3 * one.gemm(fp8), three.gemm(fp8), 1e-12);
        assertEquals(one.gemm(bf16), three.gemm(bf16), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new PlanTimeEstimate(H200, ProfileDepth.QUICK, 0));
    }
}
