package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.cost.Bound;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpFactory;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.parallel.ExpertSlots;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Set;
import java.util.function.Function;

/**
 * Block-scaled FP8 experts as vLLM 0.11.1-0.14 ran them: DeepGEMM's contiguous grouped GEMM at every
 * batch. Sources (vLLM, v0.11-v0.14 line): {@code get_fp8_moe_backend} / {@code select_fp8_moe_backend}
 * pick DeepGEMM for block-scaled weights where DeepGEMM runs ({@code is_deep_gemm_supported}: compute
 * capability 9.0 or 10.0), except from TP 8 up ("disable when TP size is >= 8", PR #29346); {@code TritonOrDeepGemmExperts} takes DeepGEMM when
 * {@code is_deep_gemm_e8m0_used() or _valid_deep_gemm(...)}, and E8M0 scales are the default on
 * Hopper since PR #26197, so decode batches below DeepGEMM's 128-token minimum run it too; without
 * the experts' token counts on the host (the non-EP path) {@code compute_aligned_M} sizes the two
 * grouped GEMMs for {@code tokens x topk + localExperts x (128 - 1)} rows, rounded to 128.
 * Priced as the two GEMMs over those rows from the engine's own GEMM curves (the way vLLM's
 * DeepGEMM block-FP8 linears are priced); the weight stream of all local experts (1.2 GB, 0.25 ms a
 * layer for Qwen3-235B at TP 2 on an H200) stays below that GEMM time (about 0.5 ms) and is not added.
 */
final class DeepGemmMoe {
    /** DeepGEMM's M alignment for the contiguous layout ({@code get_mk_alignment_for_contiguous_layout}). */
    static final int ALIGNMENT = 128;
    /** Compute capabilities {@code is_deep_gemm_supported} accepts in vLLM 0.12 (exact, not families). */
    static final Set<String> SUPPORTED_CAPABILITIES = Set.of("9.0", "10.0");
    /** PR #29346: DeepGEMM MoE off by default when the engine runs tensor parallel over 8 or more GPUs. */
    static final int TRITON_TP = 8;

    private DeepGemmMoe() {
    }

    static boolean runsOn(GpuSpec gpu) {
        return SUPPORTED_CAPABILITIES.contains(gpu.computeCapability());
    }

    /** Whether the op is a block-FP8 MoE block this path runs. */
    static boolean applies(Op op) {
        if (op.kind() != OpKind.MOE || !(op.shape() instanceof OpShape.Moe m)) {
            return false;
        }
        return m.precision().compute() == ComputeDtype.FP8 && m.precision().blockScaled()
                && (long) m.moeTp() * m.moeEp() < TRITON_TP;
    }

    /** Rows of the padded grouped GEMMs for {@code tokens} tokens on one rank. */
    static long paddedRows(long tokens, int topK, int localExperts) {
        long rows = tokens * topK + (long) localExperts * (ALIGNMENT - 1);
        return (rows + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** One call's time: the gate-up and down GEMMs over the padded rows, each priced by {@code gemm}. */
    static OpCost cost(OpShape.Moe m, Function<Op, OpCost> gemm) {
        int localExperts = ExpertSlots.perRank(m.experts(), m.moeEp());
        long width = Math.max(1, m.intermediate() / m.moeTp());
        long rows = paddedRows(m.tokens(), m.topK(), localExperts);
        OpCost gateUp = gemm.apply(OpFactory.gemm("moe_deepgemm_gate_up", rows, 2 * width, m.hidden(),
                m.precision(), 1));
        OpCost down = gemm.apply(OpFactory.gemm("moe_deepgemm_down", rows, m.hidden(), width, m.precision(), 1));
        Provenance worst = gateUp.provenance().compareTo(down.provenance()) >= 0 ? gateUp.provenance()
                : down.provenance();
        return new OpCost(gateUp.timeMs() + down.timeMs(), Bound.COMPUTE, worst);
    }
}
