package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpShape;

/**
 * The one continuous axis of an op shape that a serving simulation sweeps: tokens of a GEMM or a
 * MoE block, KV length of a decode step (sparse attention's too), chunk length of a prefill,
 * elements of a collective, requests of a gated DeltaNet decode.
 * The decode KV axis is read as length + 1, the way the tables measure it (step = 2^k - 1), so
 * measured lengths sit on the grid and stay exact hits.
 */
final class GridAxis {
    private GridAxis() {
    }

    static long value(OpShape shape) {
        if (shape instanceof OpShape.Gemm) {
            return ((OpShape.Gemm) shape).m();
        }
        if (shape instanceof OpShape.Moe) {
            return ((OpShape.Moe) shape).tokens();
        }
        if (shape instanceof OpShape.Attention) {
            OpShape.Attention a = (OpShape.Attention) shape;
            return a.queryTokens() == 1 ? a.prefixTokens() + 1 : a.queryTokens();
        }
        if (shape instanceof OpShape.Mla) {
            OpShape.Mla m = (OpShape.Mla) shape;
            return m.queryTokens() == 1 ? m.prefixTokens() + 1 : m.queryTokens();
        }
        if (shape instanceof OpShape.Collective) {
            return ((OpShape.Collective) shape).elements();
        }
        if (shape instanceof OpShape.Dsa d) {
            // the sparse-attention tables measure decode at powers of two (step = 2^k), not 2^k - 1
            return d.queryTokens() == 1 ? d.prefixTokens() : d.queryTokens();
        }
        if (shape instanceof OpShape.Gdn g) {
            return g.prefill() ? g.tokens() : g.batch();
        }
        if (shape instanceof OpShape.MlaBmm b) {
            return b.tokens();
        }
        return 0;
    }

    /** The op with its axis moved to {@code v}; FLOPs and bytes are not used by the lookup. */
    static Op with(Op op, long v) {
        return new Op(op.name(), op.kind(), op.dtype(), op.flops(), op.bytes(), op.kernels(), op.repeat(),
                moved(op.shape(), v));
    }

    private static OpShape moved(OpShape shape, long v) {
        if (shape instanceof OpShape.Gemm) {
            OpShape.Gemm g = (OpShape.Gemm) shape;
            return new OpShape.Gemm(v, g.n(), g.k(), g.precision(), g.quantisedInput());
        }
        if (shape instanceof OpShape.Moe) {
            OpShape.Moe m = (OpShape.Moe) shape;
            return new OpShape.Moe(v, m.hidden(), m.intermediate(), m.topK(), m.experts(), m.moeTp(), m.moeEp(),
                    m.precision());
        }
        if (shape instanceof OpShape.Attention) {
            OpShape.Attention a = (OpShape.Attention) shape;
            return a.queryTokens() == 1
                    ? new OpShape.Attention(a.batch(), 1, v - 1, a.heads(), a.kvHeads(), a.headDim(), a.window(), a.kvCache())
                    : new OpShape.Attention(a.batch(), (int) v, a.prefixTokens(), a.heads(), a.kvHeads(), a.headDim(),
                    a.window(), a.kvCache());
        }
        if (shape instanceof OpShape.Mla) {
            OpShape.Mla m = (OpShape.Mla) shape;
            return m.queryTokens() == 1
                    ? new OpShape.Mla(m.batch(), 1, v - 1, m.heads(), m.tpSize(), m.kvCache())
                    : new OpShape.Mla(m.batch(), (int) v, m.prefixTokens(), m.heads(), m.tpSize(), m.kvCache());
        }
        if (shape instanceof OpShape.Dsa d) {
            return d.queryTokens() == 1
                    ? new OpShape.Dsa(d.batch(), 1, v, d.heads(), d.topK(), d.kvCache())
                    : new OpShape.Dsa(d.batch(), (int) v, d.prefixTokens(), d.heads(), d.topK(), d.kvCache());
        }
        if (shape instanceof OpShape.Gdn g) {
            return g.prefill()
                    ? new OpShape.Gdn(true, g.batch(), (int) v, g.keyHeads(), g.keyHeadDim(), g.valueHeads(),
                    g.valueHeadDim(), g.convKernel())
                    : new OpShape.Gdn(false, (int) v, 1, g.keyHeads(), g.keyHeadDim(), g.valueHeads(),
                    g.valueHeadDim(), g.convKernel());
        }
        if (shape instanceof OpShape.MlaBmm b) {
            return new OpShape.MlaBmm(v, b.heads(), b.pre(), b.fp8());
        }
        OpShape.Collective c = (OpShape.Collective) shape;
        return new OpShape.Collective(v, c.bytesPerElement(), c.gpus(), c.crossDomain());
    }
}
