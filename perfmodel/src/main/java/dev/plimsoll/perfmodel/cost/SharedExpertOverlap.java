package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.MoeOpNames;
import dev.plimsoll.perfmodel.ops.Op;

import java.util.List;

/**
 * Shared experts on a second CUDA stream, concurrent with the router and the routed experts: a MoE
 * layer then takes the longer of the two paths, not their sum.
 *
 * <ul>
 *   <li>SGLang: {@code DeepseekV2MoE.forward} takes {@code forward_normal_dual_stream} when an
 *       {@code alt_stream} exists, no shared expert is fused into the routed ones and
 *       {@code get_is_capture_mode()} (the decode CUDA graphs): shared experts on the current stream,
 *       gate, top-k and routed experts on the alternate one (models/deepseek_v2.py; the Qwen MoE
 *       blocks alike, models/qwen2_moe.py).</li>
 *   <li>TensorRT-LLM: the DeepSeek MoE runs its shared and routed experts through
 *       {@code maybe_execute_in_parallel} with an auxiliary stream, which "is only enabled when cuda
 *       graph is turned on because switch stream has extra host overhead"
 *       (tensorrt_llm/_torch/modules/multi_stream_utils.py).</li>
 *   <li>vLLM: {@code SharedFusedMoE} runs the shared experts on a separate stream (PR #26440, "Dual
 *       stream execution of shared_experts and selected_experts inside FusedMoE", v0.11.1) for
 *       batches of at most {@code VLLM_SHARED_EXPERTS_STREAM_TOKEN_THRESHOLD} tokens (256, PR #28406),
 *       graph or not, on CUDA only (PR #30085).</li>
 * </ul>
 */
final class SharedExpertOverlap {
    /** vLLM's {@code VLLM_SHARED_EXPERTS_STREAM_TOKEN_THRESHOLD} default (envs.py, PR #28406). */
    static final long VLLM_TOKEN_THRESHOLD = 256;

    private SharedExpertOverlap() {
    }

    /** Whether {@code backendId} runs the shared experts concurrently in a pass of {@code tokens}. */
    static boolean applies(String backendId, boolean graphed, long tokens) {
        switch (backendId) {
            case "sglang":
            case "trtllm":
                return graphed;
            case "vllm":
                return tokens <= VLLM_TOKEN_THRESHOLD;
            default:
                return false;
        }
    }

    /**
     * Per op, the part of one call hidden behind the other stream: in each MoE block (the router,
     * the routed experts and the shared-expert MLP that follows them) the shorter path is hidden,
     * taken from the shared-expert ops in proportion to their times.
     *
     * @param callMs each op's time per call, index-aligned with {@code ops}
     */
    static double[] hiddenMs(List<Op> ops, double[] callMs) {
        int n = ops.size();
        double[] hidden = new double[n];
        int i = 0;
        while (i < n) {
            if (!ops.get(i).name().equals(MoeOpNames.ROUTER)) {
                i++;
                continue;
            }
            double routed = 0;
            double shared = 0;
            int firstShared = -1;
            int end = i;
            for (; end < n; end++) {
                Op op = ops.get(end);
                if (end > i && op.name().equals(MoeOpNames.ROUTER)) {
                    break;
                }
                if (MoeOpNames.isRoutedPath(op)) {
                    routed += callMs[end];
                } else if (MoeOpNames.isSharedExpert(op)) {
                    shared += callMs[end];
                    firstShared = firstShared < 0 ? end : firstShared;
                } else if (firstShared >= 0) {
                    break;
                }
            }
            double overlap = Math.min(routed, shared);
            if (overlap > 0) {
                for (int k = firstShared; k < end; k++) {
                    if (MoeOpNames.isSharedExpert(ops.get(k))) {
                        hidden[k] = overlap * callMs[k] / shared;
                    }
                }
            }
            i = end;
        }
        return hidden;
    }
}
