package dev.plimsoll.perfmodel.parallel;

/**
 * Parallel layout of one engine replica.
 *
 * <p>Attention is sharded {@code tp} ways by heads and replicated {@code dp} ways (attention data
 * parallelism: each DP rank runs its own requests). A replica uses {@code tp * dp * pp} GPUs. MoE
 * layers span the {@code tp * dp} GPUs of a stage: {@code ep} ways by experts and
 * {@code tp * dp / ep} ways by expert width (MoE tensor parallelism), the convention of
 * TensorRT-LLM and SGLang (moe_tp_size x moe_ep_size = tp_size x attention_dp_size).
 */
public record Parallelism(int tp, int pp, int ep, int dp) {
    public static final Parallelism SINGLE = new Parallelism(1, 1, 1, 1);

    public Parallelism {
        if (tp < 1 || pp < 1 || ep < 1 || dp < 1) {
            throw new IllegalArgumentException("parallel sizes must be >= 1, got tp=" + tp + " pp=" + pp
                    + " ep=" + ep + " dp=" + dp);
        }
    }

    public static Parallelism tp(int tp) {
        return new Parallelism(tp, 1, 1, 1);
    }

    /** GPUs of one pipeline stage: the group MoE and attention-DP span. */
    public int stageGpus() {
        return tp * dp;
    }

    public int gpus() {
        return tp * dp * pp;
    }

    /** Tensor-parallel split of each expert's width. */
    public int moeTp() {
        return stageGpus() / ep;
    }

    @Override
    public String toString() {
        return "tp" + tp + (pp > 1 ? " pp" + pp : "") + (ep > 1 ? " ep" + ep : "") + (dp > 1 ? " dp" + dp : "");
    }
}
