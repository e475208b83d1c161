package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.AttentionSpan;
import dev.plimsoll.perfmodel.specs.AttentionWindow;

/**
 * FLOPs and bytes of DeepSeek sparse attention's kernels (DeepSeek-V3.2-Exp technical report,
 * section 2.1), shared by the operator graph and the kernel-table roofline. {@code batch} requests
 * of {@code queries} new tokens over {@code prefix} cached ones.
 */
public final class SparseAttentionWork {
    /** Indexer logits are fp32 (DeepSeek-V3.2 inference code, fp8_index). */
    static final double LOGIT_BYTES = 4.0;
    /** Top-k indices are int32. */
    static final double INDEX_BYTES = 4.0;
    private static final double ACT_BYTES = 2.0;

    private SparseAttentionWork() {
    }

    /** Keys all queries attend to causally, summed. */
    static double causalKeys(double prefix, double queries) {
        return AttentionSpan.keysSum(AttentionWindow.FULL, (long) prefix, (long) Math.max(0, queries));
    }

    /**
     * Indexer logits: every query against every causal key, 2 FLOPs per index head-dim per index head
     * (fp8); reads each request's index keys ({@code keyBytes} per token, fp8 plus scales) and its
     * index queries, writes one fp32 logit per query-key pair.
     */
    public static Work indexer(double batch, double queries, double prefix, double indexHeads, double indexHeadDim,
                               double keyBytes) {
        double keys = causalKeys(prefix, queries);
        double flops = batch * 2.0 * indexHeads * indexHeadDim * keys;
        double bytes = batch * ((prefix + queries) * keyBytes + keys * LOGIT_BYTES
                + queries * indexHeads * (indexHeadDim + LOGIT_BYTES));
        return new Work(flops, bytes);
    }

    /** Top-k selection: reads every logit, writes k int32 indices per query. */
    public static Work topK(double batch, double queries, double prefix, double topK) {
        double keys = causalKeys(prefix, queries);
        return new Work(0.0, batch * (keys * LOGIT_BYTES + queries * topK * INDEX_BYTES));
    }

    /**
     * Sparse MLA, absorbed: each query attends to {@code topK} latent rows (FlashMLA's sparse kernels
     * walk every index slot, masked ones included, so the time does not fall below top-k keys: the
     * GLM-5 table is flat in context length), QK over the latent plus rotary width and PV over the
     * latent per head. The rows the queries of one request pick overlap and stay in L2, so HBM
     * serves each cached row at most once per request: min(context, queries x top-k) rows.
     */
    public static Work attention(double batch, double queries, double prefix, double heads, double topK,
                                 double latent, double rope, double kvBytes) {
        double newTokens = batch * queries;
        double flops = newTokens * heads * topK * 2.0 * ((latent + rope) + latent);
        double rows = batch * Math.min(prefix + queries, queries * topK);
        double bytes = rows * (latent + rope) * kvBytes + newTokens * (topK * INDEX_BYTES
                + heads * ((latent + rope) + latent) * ACT_BYTES);
        return new Work(flops, bytes);
    }
}
