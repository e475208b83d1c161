package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.DsaSpec;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;

import java.util.List;

/**
 * DeepSeek sparse attention (DeepSeek-V3.2-Exp technical report, section 2.1; GLM-5) on one GPU,
 * as SGLang's NSA backend and vLLM's FlashMLA-sparse backend run it: the lightning indexer
 * (replicated on every TP rank) projects an index query per head from the query latent and one
 * index key per token, scores every cached token with fp8 logits, keeps the top-k, and MLA runs
 * absorbed (over the 576-wide latent, prefill included) on those k tokens only.
 */
final class SparseAttentionOps {
    /**
     * FlashMLA's sparse kernels run 64 query heads per CTA on Hopper, so fewer local heads are
     * padded to 64 (vLLM flashmla_sparse.py pads the heads per rank for the sparse prefill kernel;
     * AIConfigurator measures GLM-5's sparse attention at 64 heads per GPU).
     */
    static final int KERNEL_HEADS = 64;

    private final ModelSpec model;
    private final Precision linear;
    private final NumberFormat kvFormat;

    SparseAttentionOps(ModelSpec model, Precision linear, NumberFormat kvFormat) {
        this.model = model;
        this.linear = linear;
        this.kvFormat = kvFormat;
    }

    static int kernelHeads(int localHeads) {
        return (localHeads + KERNEL_HEADS - 1) / KERNEL_HEADS * KERNEL_HEADS;
    }

    /** Indexer projections of every token of the step: index queries, the index key and head weights. */
    void addIndexerProjections(List<Op> ops, long tokens, int repeat) {
        MlaSpec m = model.attention().mla();
        DsaSpec d = m.sparse();
        long h = model.hiddenSize();
        long qIn = m.qLoraRank() > 0 ? m.qLoraRank() : h;
        ops.add(OpFactory.gemm("indexer_wq_b", tokens, (long) d.indexHeads() * d.indexHeadDim(), qIn, linear, repeat));
        ops.add(OpFactory.gemm("indexer_wk", tokens, d.indexHeadDim(), h, linear, repeat));
        ops.add(OpFactory.gemm("indexer_weights_proj", tokens, d.indexHeads(), h, Precision.BF16, repeat));
    }

    /**
     * Indexer logits, top-k and sparse MLA for {@code batch} requests of {@code queries} new tokens
     * over {@code prefix} cached ones.
     */
    void addAttention(List<Op> ops, boolean prefill, int batch, int queries, long prefix, int localHeads,
                      int repeat) {
        MlaSpec m = model.attention().mla();
        DsaSpec d = m.sparse();
        int heads = kernelHeads(localHeads);
        OpShape.Dsa shape = new OpShape.Dsa(batch, queries, prefix, heads, d.indexTopK(), kvFormat);
        Work logits = SparseAttentionWork.indexer(batch, queries, prefix, d.indexHeads(), d.indexHeadDim(),
                d.indexerKeyBytesPerToken());
        ops.add(new Op(prefill ? "dsa_indexer_prefill" : "dsa_indexer_decode", OpKind.DSA_INDEXER, ComputeDtype.FP8,
                logits.flops(), logits.bytes(), 1, repeat, shape));
        if (prefix + queries > d.indexTopK()) {
            // a query with no more than top-k keys keeps them all: no selection kernel runs (the
            // GLM-5 top-k table records 0 ms there)
            Work topk = SparseAttentionWork.topK(batch, queries, prefix, d.indexTopK());
            ops.add(new Op(prefill ? "dsa_topk_prefill" : "dsa_topk_decode", OpKind.DSA_TOPK, ComputeDtype.BF16, 0.0,
                    topk.bytes(), 1, repeat, shape));
        }
        Work attn = SparseAttentionWork.attention(batch, queries, prefix, heads, d.indexTopK(), m.kvLoraRank(),
                m.qkRopeHeadDim(), kvFormat.bytesPerElement());
        ops.add(new Op(prefill ? "dsa_prefill" : "dsa_decode", prefill ? OpKind.DSA_PREFILL : OpKind.DSA_DECODE,
                ComputeDtype.BF16, attn.flops(), attn.bytes(), 1, repeat, shape));
    }
}
