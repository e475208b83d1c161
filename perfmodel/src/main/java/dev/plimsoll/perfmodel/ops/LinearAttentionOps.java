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
    /** Gated RMSNorm reads the output and the gate and writes the result, bf16: 3 x 2 bytes. */
    static final double GATED_NORM_BYTES_PER_ELEMENT = 6.0;
    /** The split reads the projections and writes them in their new layout, bf16: 2 x 2 bytes. */
    static final double SPLIT_BYTES_PER_ELEMENT = 4.0;

    private final ModelSpec model;
    private final LinearAttentionSpec g;
    private final Precision linear;
    private final int keyHeads;
    private final int valueHeads;
    private final GdnInputProjections projections;

    LinearAttentionOps(ModelSpec model, int tp, Precision linear, GdnInputProjections projections) {
        this.model = model;
        this.g = model.linearAttention();
        this.linear = linear;
        this.projections = projections;
        this.keyHeads = g == null ? 0 : Math.max(1, g.numKeyHeads() / tp);
        this.valueHeads = g == null ? 0 : Math.max(1, g.numValueHeads() / tp);
    }

    void add(List<Op> ops, StepBatch b, int repeat) {
        long tokens = b.tokens();
        long h = model.hiddenSize();
        int tp = g.numKeyHeads() / keyHeads;
        ops.add(OpFactory.elementwise("input_norm", OpKind.ELEMENTWISE, tokens * h,
                AttentionOps.NORM_BYTES_PER_ELEMENT, 1, repeat));
        addInputProjections(ops, tokens, tp, repeat);
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
     * q-k-v-z in the checkpoint's format and the per-head b and a logits in BF16 ({@link GdnInputProjections}):
     * two GEMMs and one Triton kernel that splits them into q, k, v, z, b and a and lays q, k, v out for
     * the convolution (fused_qkvzba_split_reshape_cat in vLLM's qwen3_next.py and SGLang's qwen3_5.py
     * from 0.5.10), or four GEMMs and no split (SGLang 0.5.9).
     */
    private void addInputProjections(List<Op> ops, long tokens, int tp, int repeat) {
        long h = model.hiddenSize();
        long heads = g.numValueHeads() / tp;
        long qkv = g.convChannels() / tp;
        long z = g.valueWidth() / tp;
        if (projections == GdnInputProjections.SEPARATE) {
            ops.add(OpFactory.gemm("linear_in_proj_qkv", tokens, qkv, h, linear, repeat));
            ops.add(OpFactory.gemm("linear_in_proj_z", tokens, z, h, linear, repeat));
            ops.add(OpFactory.gemm("linear_in_proj_b", tokens, heads, h, Precision.BF16, repeat));
            ops.add(OpFactory.gemm("linear_in_proj_a", tokens, heads, h, Precision.BF16, repeat));
            return;
        }
        ops.add(OpFactory.gemm("linear_in_proj", tokens, qkv + z, h, linear, repeat));
        ops.add(OpFactory.gemm("linear_in_proj_ba", tokens, 2 * heads, h, Precision.BF16, repeat));
        long projected = tokens * (qkv + z + 2 * heads);
        ops.add(OpFactory.elementwise("linear_in_proj_split", OpKind.ELEMENTWISE, projected, SPLIT_BYTES_PER_ELEMENT, 1,
                repeat));
    }

    private Op conv(boolean prefill, int batch, int tokens, int repeat) {
        Work w = LinearAttentionWork.conv(batch, tokens, keyHeads, g.keyHeadDim(), valueHeads, g.valueHeadDim(),
                g.convKernel());
        return new Op(prefill ? "linear_conv1d_prefill" : "linear_conv1d_decode", OpKind.GDN_CONV, ComputeDtype.BF16,
                w.flops(), w.bytes(), 1, repeat, shape(prefill, batch, tokens));
    }

    private Op deltaRule(boolean prefill, int batch, int tokens, int repeat) {
        Work w = LinearAttentionWork.deltaRule(prefill, batch, tokens, keyHeads, g.keyHeadDim(), valueHeads,
                g.valueHeadDim(), g.stateBytes());
        OpKind kind = prefill ? OpKind.GDN_PREFILL : OpKind.GDN_DECODE;
        return new Op(prefill ? "linear_delta_rule_prefill" : "linear_delta_rule_decode", kind, ComputeDtype.BF16,
                w.flops(), w.bytes(), 1, repeat, shape(prefill, batch, tokens));
    }
}
