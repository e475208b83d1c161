package dev.plimsoll.perfmodel.ops;

/**
 * FLOPs and bytes of the gated DeltaNet kernels, shared by the operator graph and the kernel-table
 * roofline so that an op and a table row of the same shape get the same reference. Heads are the
 * ones local to one GPU; activations are bf16.
 */
public final class LinearAttentionWork {
    /**
     * Chunk length of the chunked delta-rule kernel (flash-linear-attention chunk_gated_delta_rule,
     * BT = 64, the kernel SGLang, vLLM and TensorRT-LLM call).
     */
    public static final int CHUNK_TOKENS = 64;
    private static final double ACT_BYTES = 2.0;
    /** Gate and beta per value head, fp32. */
    private static final double GATE_BYTES = 2 * 4.0;

    private LinearAttentionWork() {
    }

    /**
     * Depthwise causal conv1d of width K over the q, k, v channels: 2K FLOPs per channel per token;
     * reads the input and the K-1 cached inputs per request, writes the output and the new state.
     */
    public static Work conv(double batch, double tokensPerRequest, double keyHeads, double keyHeadDim,
                            double valueHeads, double valueHeadDim, double convKernel) {
        double channels = 2 * keyHeads * keyHeadDim + valueHeads * valueHeadDim;
        double newTokens = batch * tokensPerRequest;
        double flops = 2.0 * convKernel * channels * newTokens;
        double bytes = channels * (2 * newTokens + 2.0 * batch * (convKernel - 1)) * ACT_BYTES;
        return new Work(flops, bytes);
    }

    /**
     * The gated delta rule per value head (Yang, Kautz, Hatamizadeh, "Gated Delta Networks", ICLR
     * 2025, sections 2-3). Recurrent (decode): the state S is decayed, read by k (the delta), updated
     * by the outer product of k and the delta and read by q: four dk x dv passes, 8 dk dv FLOPs per
     * token. Chunked (prefill, chunk C): per token the inter-chunk part costs three state products
     * (6 dk dv) and the intra-chunk part the C x C products over q, k and the WY-transformed values
     * (2 C (2 dk + dv)). Either way the state ({@code stateBytes} per element) is read and written
     * once per request, q, k, v, gate and beta read and the output written once per token.
     */
    public static Work deltaRule(boolean chunked, double batch, double tokensPerRequest, double keyHeads,
                                 double keyHeadDim, double valueHeads, double valueHeadDim, double stateBytes) {
        double dk = keyHeadDim;
        double dv = valueHeadDim;
        double newTokens = batch * tokensPerRequest;
        double perTokenFlops = chunked ? 6 * dk * dv + 2.0 * CHUNK_TOKENS * (2 * dk + dv) : 8 * dk * dv;
        double flops = newTokens * valueHeads * perTokenFlops;
        double state = 2.0 * batch * valueHeads * dk * dv * stateBytes;
        double io = newTokens * ((2.0 * keyHeads * dk + 2.0 * valueHeads * dv) * ACT_BYTES + valueHeads * GATE_BYTES);
        return new Work(flops, state + io);
    }
}
