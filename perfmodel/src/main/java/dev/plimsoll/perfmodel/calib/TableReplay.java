package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;

import java.util.Set;

/**
 * How a framework's kernel-table collector replays an op, as far as it decides what stays in the L2
 * from one timed call to the next ({@link L2Residency}). The collectors are AIConfigurator's
 * (github.com/ai-dynamo/aiconfigurator, {@code collector/<framework>/collect_*.py}, at the commit
 * the shipped tables name):
 * <ul>
 *   <li>GEMM: each timed call runs several copies of the op, each with its own weights, "to reduce
 *       impact of L2 cache hit": TensorRT-LLM 5 ({@code outside_loop_count = 5}; later versions
 *       ceil(L2 / weight bytes) capped at 5, which leaves the same copies L2-resident), SGLang 6
 *       (fewer only where 6 do not fit 45% of the GPU memory, far above any L2), vLLM 6 except its
 *       block-FP8 and NVFP4 paths, which run 1. The replayed working set is that many times the op's.</li>
 *   <li>Attention, MLA, gated delta-net and sparse-attention modules: one op over the same tensors.</li>
 *   <li>MoE: left out. Its rows whose working set fits the L2 move with the HBM ratio from H100 to
 *       H200 (the same GH100 and L2, only the HBM differs: median log ratio of transferred to measured
 *       time -0.01 to 0.01 in the 16-50 MB bins without the rule, +0.04 to +0.07 with it), so the MoE
 *       kernels give no sign of reading their weights from the L2 across replays; the collectors'
 *       several routings per timed call (5 power-law ones in TensorRT-LLM's and vLLM's) do not
 *       account for it, and the cause is not identified.</li>
 * </ul>
 * Serving replays nothing ({@link #SERVING}): every layer's weights and KV blocks are distinct and a
 * step reads far more than any L2 holds, so no op finds its working set in the L2 from its previous call.
 *
 * @param framework the collector's framework ({@code trtllm}, {@code sglang}, {@code vllm}); null for serving
 */
record TableReplay(String framework) {
    /** Ops priced for serving: no replay, no L2 residency. */
    static final TableReplay SERVING = new TableReplay(null);
    /** GEMM copies per timed call (see above). */
    private static final int TRTLLM_GEMM_COPIES = 5;
    private static final int SGLANG_GEMM_COPIES = 6;
    private static final int VLLM_GEMM_COPIES = 6;
    /** vLLM's collector runs one copy for these GEMM formats ({@code outside_loop_count = 1 if ...}). */
    private static final Set<String> VLLM_SINGLE_COPY = Set.of("fp8_block", "nvfp4");

    /**
     * The bytes the replay keeps touching for an op of {@code opBytes} (its roofline bytes), or NaN
     * where nothing is priced as L2-resident: serving, MoE, collectives.
     */
    double workingSetBytes(KernelFamily family, String category, double opBytes) {
        if (framework == null || family == KernelFamily.MOE || !(opBytes > 0)) {
            return Double.NaN;
        }
        return family == KernelFamily.GEMM ? gemmCopies(KernelRow.splitCategory(category)[0]) * opBytes : opBytes;
    }

    private int gemmCopies(String dtype) {
        switch (framework) {
            case "trtllm":
                return TRTLLM_GEMM_COPIES;
            case "sglang":
                return SGLANG_GEMM_COPIES;
            case "vllm":
                return VLLM_SINGLE_COPY.contains(dtype) ? 1 : VLLM_GEMM_COPIES;
            default:
                return 1;
        }
    }
}
