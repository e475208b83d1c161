package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.MoeSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;

/**
 * Where SGLang runs a MoE layer's shared expert inside the routed-expert kernel, as one more expert
 * every token selects. Source: {@code DeepseekV2ForCausalLM.determine_num_fused_shared_experts}
 * (python/sglang/srt/models/deepseek_v2.py, 0.5.x): on by default (unless
 * {@code --disable-shared-experts-fusion}) for 256 routed experts and one shared expert, on NVIDIA GPUs
 * of compute capability 8.0 or more, without expert parallelism ("Only Deepseek V3/R1 on
 * AMD-platform ... can use shared experts fusion optimization under expert parallelism"), without
 * DeepEP, and not for W4AFP8 checkpoints (their routed and shared experts use different quantisation
 * methods). The fused kernel then runs top-(k+1) over 257 experts: no shared-expert MLP of its own.
 */
final class SharedExpertFusion {
    /** SGLang's condition: n_routed_experts == 256. */
    static final int ROUTED_EXPERTS = 256;
    /** The lowest compute capability SGLang's NVIDIA branch accepts (8.0). */
    static final double MIN_CAPABILITY = 8.0;

    private SharedExpertFusion() {
    }

    static boolean applies(String backendId, ModelSpec model, GpuSpec gpu, Parallelism par, Precision experts) {
        MoeSpec moe = model.moe();
        if (!"sglang".equals(backendId) || moe == null) {
            return false;
        }
        boolean w4afp8 = experts.weights() == NumberFormat.INT4 && experts.compute() == ComputeDtype.FP8;
        return moe.numExperts() == ROUTED_EXPERTS && moe.numSharedExperts() == 1 && par.ep() == 1 && !w4afp8
                && "nvidia".equals(gpu.vendor()) && capability(gpu) >= MIN_CAPABILITY;
    }

    private static double capability(GpuSpec gpu) {
        try {
            return Double.parseDouble(gpu.computeCapability());
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }
}
