package dev.plimsoll.perfmodel.specs;

/**
 * Gated DeltaNet linear-attention layer dimensions (Qwen3-Next / Qwen3.5 config.json names in
 * brackets). The layer projects the hidden state to queries and keys ({@code numKeyHeads x
 * keyHeadDim} each), values ({@code numValueHeads x valueHeadDim}), an output gate z of the value
 * width and per-value-head decay and beta scalars; runs a short causal depthwise convolution over
 * q, k and v; updates a per-head {@code keyHeadDim x valueHeadDim} recurrent state with the gated
 * delta rule; normalises, gates and projects back (Yang et al., "Gated Delta Networks", ICLR 2025;
 * transformers Qwen3NextGatedDeltaNet).
 *
 * @param numKeyHeads   query/key heads [linear_num_key_heads]
 * @param numValueHeads value heads [linear_num_value_heads]
 * @param keyHeadDim    per-head query/key width [linear_key_head_dim]
 * @param valueHeadDim  per-head value width [linear_value_head_dim]
 * @param convKernel    causal convolution width [linear_conv_kernel_dim]
 * @param stateBytes    bytes per element of the recurrent state [mamba_ssm_dtype, float32 when absent in
 *                      SGLang and vLLM]
 */
public record LinearAttentionSpec(int numKeyHeads, int numValueHeads, int keyHeadDim, int valueHeadDim,
                                  int convKernel, double stateBytes) {
    public LinearAttentionSpec {
        if (numKeyHeads <= 0 || numValueHeads <= 0 || keyHeadDim <= 0 || valueHeadDim <= 0 || convKernel <= 0
                || !(stateBytes > 0)) {
            throw new IllegalArgumentException("gated DeltaNet dimensions must be positive");
        }
        if (numValueHeads % numKeyHeads != 0) {
            throw new IllegalArgumentException("linear_num_value_heads (" + numValueHeads
                    + ") must be a multiple of linear_num_key_heads (" + numKeyHeads + ")");
        }
    }

    /** Width of q, k and v together: the channels the causal convolution runs over. */
    public long convChannels() {
        return 2L * numKeyHeads * keyHeadDim + (long) numValueHeads * valueHeadDim;
    }

    /** Output width of the input projections: q, k, v, the gate z, and beta and the decay per value head. */
    public long inputProjectionWidth() {
        return convChannels() + (long) numValueHeads * valueHeadDim + 2L * numValueHeads;
    }

    /** Width of the value heads, the input of the output projection. */
    public long valueWidth() {
        return (long) numValueHeads * valueHeadDim;
    }

    /**
     * Recurrent state one request keeps in one layer on one GPU with {@code tp}-way head sharding:
     * the delta-rule state ({@code valueHeads x keyHeadDim x valueHeadDim}) plus the last
     * {@code convKernel - 1} inputs of the convolution (bf16), as SGLang's MambaPool and vLLM's
     * MambaSpec size them. Independent of the context length.
     */
    public double stateBytesPerRequest(int tp) {
        double valueHeads = Math.max(1.0, (double) numValueHeads / tp);
        double recurrent = valueHeads * keyHeadDim * valueHeadDim * stateBytes;
        double conv = (double) (convKernel - 1) * convChannels() / Math.min(tp, numKeyHeads) * 2.0;
        return recurrent + conv;
    }
}
