package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.grid.GridCurve;
import dev.plimsoll.perfmodel.calib.grid.ShapeSet;
import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.Axis;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MoE categories of an 8-bit tensor-core format whose source table measured them slower than BF16:
 * their curves describe the one kernel the engine ran on the source's architecture, not the format,
 * and say less on another architecture than the next category of the dtype chain
 * ({@link OpQueries#fallbacks}).
 *
 * <p>An FP8 or block-FP8 MoE block streams half the expert weight bytes of BF16 and runs its matmuls
 * at twice the tensor-core rate (NVIDIA's H100 and B200 datasheets: 1,979 against 989 and 4,500
 * against 2,250 dense TFLOPS), so where its measured time exceeds BF16's at the same shape, the
 * kernel sets it. The case in the shipped tables is vLLM's ModelOpt (per-tensor) FP8 MoE: on Hopper
 * vLLM runs FlashInfer's CUTLASS kernel for it ({@code kernel_source}
 * {@code vllm_modeloptfp8moe_flashinfer_cutlass_flashinferexperts}), which the H100 and H200 tables
 * time at 1.44-1.56 and 1.85-1.97 times vLLM's own BF16 MoE (medians per routing over the B200
 * table's MoE shapes; TensorRT-LLM's CUTLASS FP8 MoE: 0.60-0.64 times);
 * on Blackwell vLLM's FP8 MoE backend selection puts FlashInfer's TensorRT-LLM kernel first
 * (vllm/model_executor/layers/fused_moe/oracle/fp8.py; the B200 table's
 * {@code ..._flashinfer_trtllm_trtllmfp8expertsmonolithic}), which runs at 0.64 times BF16 there. On
 * the same architecture the kernel is what runs and its curves are right, so the check applies only
 * where source and target differ in tensor-core formats ({@link ReferenceSpec#sameFormats}). Weight-only
 * formats (BF16 activations, for example {@code w4a16_mxfp4}) compute in BF16 after dequantising and
 * may rightly be slower than BF16: they are not checked. Nor is GEMM, whose small-m FP8 rows pay an
 * activation quantisation BF16 does not, at any architecture.
 */
final class SlowQuantisedCategories {
    /** The 8-bit tensor-core formats of MoE blocks (activations and weights both 8-bit). */
    static final Set<String> EIGHT_BIT = Set.of("fp8", "fp8_block");

    private final FamilyModel model;
    private final Map<String, Boolean> slow = new ConcurrentHashMap<>();

    SlowQuantisedCategories(FamilyModel model) {
        this.model = model;
    }

    /**
     * Whether {@code category}'s curves say less for {@code target} than the next category of its dtype
     * chain: the target is of another architecture and the category is slow in the sense above.
     */
    boolean skip(String category, ReferenceSpec target) {
        return !target.sameFormats(model.reference()) && slow.computeIfAbsent(category, this::slowerThanBf16);
    }

    /**
     * Whether the source measured an 8-bit MoE category slower than BF16 with the same routing: the
     * median, over the category's measured points, of its time over the BF16 category's time at the
     * same shape and token count, above 1.
     */
    boolean slowerThanBf16(String category) {
        String dtype = KernelRow.splitCategory(category)[0];
        String bf16 = "bfloat16" + category.substring(dtype.length());
        ShapeSet set = model.shapeSets().get(category);
        if (model.family() != KernelFamily.MOE || !EIGHT_BIT.contains(dtype) || set == null || !model.has(bf16)) {
            return false;
        }
        ReferenceSpec source = model.reference();
        List<Axis> shapeAxes = model.family().shapeAxes();
        List<Axis> gridAxes = model.family().gridAxes();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            double[] shape = raw(set.shape(i), shapeAxes);
            GridCurve curve = set.curve(i);
            double[] tokens = curve.axis(0);
            for (int p = 0; p < tokens.length; p++) {
                if (Double.isNaN(curve.denseValues()[p])) {
                    continue;
                }
                KernelQuery q = KernelQuery.of(model.family(), category, shape,
                        raw(new double[]{tokens[p]}, gridAxes));
                Prediction own = model.predict(q, category, source, true);
                Prediction reference = model.predict(q.withCategory(bf16), bf16, source, true);
                if (own != null && reference != null) {
                    ratios.add(own.timeMs() / reference.timeMs());
                }
            }
        }
        if (ratios.isEmpty()) {
            return false;
        }
        Collections.sort(ratios);
        return ratios.get(ratios.size() / 2) > 1.0;
    }

    /** Raw table values of scaled coordinates. */
    private static double[] raw(double[] scaled, List<Axis> axes) {
        double[] out = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = axes.get(i).scale().unscale(scaled[i]);
        }
        return out;
    }
}
