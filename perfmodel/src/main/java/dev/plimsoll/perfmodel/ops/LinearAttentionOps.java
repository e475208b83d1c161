package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.LinearAttentionSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.Precision;

import java.util.List;

/**
 * The token mixer of a gated DeltaNet layer on one GPU (Qwen3-Next / Qwen3.5 linear-attention
 * layers, heads split over TP as vLLM's and SGLang's Qwen3NextGatedDeltaNet split them): input
 * projections, causal conv1d over q, k and v, the delta rule (chunked over a prefill, recurrent in
 * decode), gated RMSNorm and the output projection. No KV cache: each request carries one
 * fixed-size state per layer.
 */
final class LinearAttentionOps {
    /**
     * Chunk length of the chunked delta-rule kernel (flash-linear-attention chunk_gated_delta_rule,
     * BT = 64, the kernel both SGLang and vLLM call).
     */
    static final int CHUNK_TOKENS = 64;
    /** Gated RMSNorm reads the output and the gate and writes the result, bf16: 3 x 2 bytes. */
    static final double GATED_NORM_BYTES_PER_ELEMENT = 6.0;

    private final ModelSpec model;
    private final LinearAttentionSpec g;
    private final Precision linear;
    private final int keyHeads;
    private final int valueHeads;

    LinearAttentionOps(ModelSpec model, int tp, Precision linear) {
        this.model = model;
        this.g = model.linearAttention();
        this.linear = linear;
        this.keyHeads = g == null ? 0 : Math.max(1, g.numKeyHeads() / tp);
        this.valueHeads = g == null ? 0 : Math.max(1, g.numValueHeads() / tp);
    }

    void add(List<Op> ops, StepBatch b, int repeat) {
        long tokens = b.tokens();
        long h = model.hiddenSize();
        int tp = g.numKeyHeads() / keyHeads;
        ops.add(OpFactory.elementwise("input_norm", OpKind.ELEMENTWISE, tokens * h,
                AttentionOps.NORM_BYTES_PER_ELEMENT, 1, repeat));
        ops.add(OpFactory.gemm("linear_in_proj", tokens, g.inputProjectionWidth() / tp, h, linear, repeat));
        if (b.prefillRequests() > 0) {
            ops.add(conv(true, b.prefillRequests(), b.prefillTokens(), repeat));
            ops.add(deltaRule(true, b.prefillRequests(), b.prefillTokens(), repeat));
        }
        if (b.decodeRequests() > 0) {
            ops.add(conv(false, b.decodeRequests(), 1, repeat));
            ops.add(deltaRule(false, b.decodeRequests(), 1, repeat));
        }
        long valueWidth = (long) valueHeads * g.valueHeadDim();
        ops.add(OpFactory.elementwise("linear_gated_norm", OpKind.ELEMENTWISE, tokens * valueWidth,
                GATED_NORM_BYTES_PER_ELEMENT, 1, repeat));
        ops.add(OpFactory.gemm("linear_out_proj", tokens, h, valueWidth, linear, repeat));
    }

    private OpShape.Gdn shape(boolean prefill, int batch, int tokens) {
        return new OpShape.Gdn(prefill, batch, tokens, keyHeads, g.keyHeadDim(), valueHeads, g.valueHeadDim(),
                g.convKernel());
    }

    /**
     * Depthwise causal conv1d of width K over the q, k, v channels: 2K FLOPs per channel per token;
     * reads the input and the K-1 cached inputs, writes the output and the new state (bf16).
     */
    private Op conv(boolean prefill, int batch, int tokens, int repeat) {
        double channels = (double) keyHeads * g.keyHeadDim() * 2 + (double) valueHeads * g.valueHeadDim();
        double newTokens = (double) batch * tokens;
        double flops = 2.0 * g.convKernel() * channels * newTokens;
        double bytes = channels * (2 * newTokens + 2.0 * batch * (g.convKernel() - 1)) * OpFactory.ACT_BYTES;
        return new Op(prefill ? "linear_conv1d_prefill" : "linear_conv1d_decode", OpKind.GDN_CONV, ComputeDtype.BF16,
                flops, bytes, 1, repeat, shape(prefill, batch, tokens));
    }

    /**
     * The gated delta rule per value head (Yang, Kautz, Hatamizadeh, "Gated Delta Networks", ICLR
     * 2025, sections 2-3). Recurrent (decode): S is decayed, read by k (the delta), updated by the
     * outer product k x delta and read by q: four dk x dv passes, 8 dk dv FLOPs per token; the fp32
     * state is read and written once per request. Chunked (prefill, chunk C): per token the
     * inter-chunk part costs the same three state products (6 dk dv) and the intra-chunk part the
     * C x C attention over q, k and the WY-transformed values (2 C (2 dk + dv)); the state is read and
     * written once per request, q, k, v, gate and beta read and the output written once per token.
     */
    private Op deltaRule(boolean prefill, int batch, int tokens, int repeat) {
        double dk = g.keyHeadDim();
        double dv = g.valueHeadDim();
        double newTokens = (double) batch * tokens;
        double perTokenFlops = prefill ? 6 * dk * dv + 2.0 * CHUNK_TOKENS * (2 * dk + dv) : 8 * dk * dv;
        double flops = newTokens * valueHeads * perTokenFlops;
        double stateBytes = 2.0 * batch * valueHeads * dk * dv * g.stateBytes();
        double io = newTokens * ((2.0 * keyHeads * dk + 2.0 * valueHeads * dv) * OpFactory.ACT_BYTES
                + 2.0 * valueHeads * 4);
        OpKind kind = prefill ? OpKind.GDN_PREFILL : OpKind.GDN_DECODE;
        return new Op(prefill ? "linear_delta_rule_prefill" : "linear_delta_rule_decode", kind, ComputeDtype.BF16,
                flops, stateBytes + io, 1, repeat, shape(prefill, batch, tokens));
    }
}
