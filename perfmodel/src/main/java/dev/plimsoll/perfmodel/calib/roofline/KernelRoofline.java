package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.RooflineCostModel;
import dev.plimsoll.perfmodel.ops.LinearAttentionWork;
import dev.plimsoll.perfmodel.ops.SparseAttentionWork;
import dev.plimsoll.perfmodel.ops.Work;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.specs.ComputeDtype;

import java.util.Locale;

/**
 * Roofline FLOPs and bytes of a kernel as the tables key it, the reference against which
 * utilisation = ideal time / measured time is taken. The same max(compute, memory) as
 * {@link RooflineCostModel}, at 100% of peak and without the per-kernel fixed cost, computed from
 * the table key so that a table row and an op of the same shape get the same reference.
 */
public final class KernelRoofline {
    /** bf16 activations, outputs and attention inputs. */
    private static final double ACT_BYTES = 2.0;
    /**
     * DeepSeek-V3 MLA dimensions (config.json: qk_nope_head_dim 128, qk_rope_head_dim 64,
     * v_head_dim 128, kv_lora_rank 512), the model the MLA tables were measured for.
     */
    private static final double MLA_NOPE = 128;
    private static final double MLA_ROPE = 64;
    private static final double MLA_V = 128;
    private static final double MLA_LORA = 512;
    /** Gated expert FFN: gate, up and down projections (SwiGLU). */
    private static final double MOE_MATRICES = 3;
    /**
     * The gdn tables' conv width (d_conv 4, Qwen3.5's linear_conv_kernel_dim) and recurrent state in
     * fp32 (Qwen3.5's mamba_ssm_dtype), the models they were measured for.
     */
    private static final double GDN_CONV_KERNEL = 4;
    private static final double GDN_STATE_BYTES = 4;
    /**
     * GLM-5's sparse attention (config.json: index_topk 2048, index_n_heads 32, index_head_dim 128),
     * the model the glm5 tables were measured for; its latent is DeepSeek-V3's (kv_lora_rank 512,
     * qk_rope_head_dim 64).
     */
    private static final double DSA_TOP_K = 2048;
    private static final double DSA_INDEX_HEADS = 32;
    private static final double DSA_INDEX_HEAD_DIM = 128;
    /** fp8 index key plus one fp32 scale per 128 elements (DsaSpec.indexerKeyBytesPerToken). */
    private static final double DSA_INDEX_KEY_BYTES = 132;

    private KernelRoofline() {
    }

    public static Ideal ideal(KernelQuery q, ReferenceSpec spec) {
        String[] cat = KernelRow.splitCategory(q.category());
        double[] s = q.shape();
        double[] g = q.grid();
        switch (q.family()) {
            case GEMM:
                return gemm(DtypeLabel.of(cat[0]), g[0], s[0], s[1], spec);
            case CONTEXT_ATTENTION:
            case GENERATION_ATTENTION:
                return attention(cat, s, g[0], q.queryTokens(), q.prefixTokens(), spec);
            case CONTEXT_MLA:
                return mlaPrefill(cat, s[0], g[0], q.queryTokens(), q.prefixTokens(), spec);
            case GENERATION_MLA:
                return mlaDecode(cat, s[0], g[0], q.queryTokens(), q.prefixTokens(), spec);
            case MOE:
                return moe(DtypeLabel.of(cat[0]), s, g[0], spec);
            case ALLREDUCE:
                return collective(OpKind.ALL_REDUCE, DtypeLabel.elementBytes(cat[0]), s[0], g[0], spec);
            case NCCL:
                return collective(ncclKind(cat[0]), DtypeLabel.elementBytes(cat[1]), s[0], g[0], spec);
            case GDN:
                return gdn(cat, s, g, spec);
            case DSA_ATTENTION:
                return withSoftmax(work(SparseAttentionWork.attention(g[0], g[1], g[2], s[0], DSA_TOP_K, MLA_LORA,
                        MLA_ROPE, DtypeLabel.elementBytes(cat[1])), ComputeDtype.BF16, spec),
                        g[0] * g[1] * s[0] * DSA_TOP_K, spec);
            case DSA_INDEXER:
                return work(SparseAttentionWork.indexer(g[0], g[1], g[2], DSA_INDEX_HEADS, DSA_INDEX_HEAD_DIM,
                        DSA_INDEX_KEY_BYTES), ComputeDtype.FP8, spec);
            case DSA_TOPK:
                return work(SparseAttentionWork.topK(g[0], g[1], g[2], DSA_TOP_K), ComputeDtype.BF16, spec);
            case MLA_BMM:
                return mlaBmm(DtypeLabel.of(cat[1]), s[0], g[0], spec);
            default:
                throw new IllegalStateException(q.family().toString());
        }
    }

    /** A gated DeltaNet kernel: conv1d, or the delta rule (chunked in the context phase). */
    private static Ideal gdn(String[] cat, double[] s, double[] g, ReferenceSpec spec) {
        boolean conv = isGdnConv(cat[1]);
        boolean context = cat[0].equals("context");
        double tokens = context ? g[1] : 1;
        Work w = conv ? LinearAttentionWork.conv(g[0], tokens, s[0], s[1], s[2], s[3], GDN_CONV_KERNEL)
                : LinearAttentionWork.deltaRule(context, g[0], tokens, s[0], s[1], s[2], s[3], GDN_STATE_BYTES);
        return work(w, ComputeDtype.BF16, spec);
    }

    /** Whether a gdn table kernel is the causal conv1d (the others run the delta rule). */
    public static boolean isGdnConv(String kernel) {
        return kernel.contains("conv1d");
    }

    private static Ideal work(Work w, ComputeDtype dtype, ReferenceSpec spec) {
        return new Ideal(ms(w.flops(), spec.peak(dtype)), ms(w.bytes(), spec.memoryBytesPerS()), 0);
    }

    static Ideal gemm(DtypeLabel d, double m, double n, double k, ReferenceSpec spec) {
        double flops = 2.0 * m * n * k;
        double bytes = n * k * d.weightBytes() + m * k * d.activationBytes() + m * n * ACT_BYTES;
        return new Ideal(ms(flops, spec.peak(d.compute())), ms(bytes, spec.memoryBytesPerS()), 0);
    }

    /** One absorption BMM: per head, tokens x 128 against a 128 x 512 weight (either way round). */
    private static Ideal mlaBmm(DtypeLabel d, double heads, double tokens, ReferenceSpec spec) {
        double flops = 2.0 * heads * tokens * MLA_NOPE * MLA_LORA;
        double bytes = heads * (MLA_NOPE * MLA_LORA * d.weightBytes() + tokens * (MLA_NOPE + MLA_LORA) * ACT_BYTES);
        return new Ideal(ms(flops, spec.peak(d.compute())), ms(bytes, spec.memoryBytesPerS()), 0);
    }

    /**
     * A roofline with the softmax's exponentials added: one per score (query head x attended key),
     * on the special function units ({@link ReferenceSpec#exponentialsPerS()}; none where unknown).
     */
    private static Ideal withSoftmax(Ideal matmuls, double scores, ReferenceSpec spec) {
        return spec.knowsExponentials()
                ? new Ideal(matmuls.computeMs(), matmuls.memoryMs(), matmuls.communicationMs(),
                ms(scores, spec.exponentialsPerS()))
                : matmuls;
    }

    /** GQA attention: QK^T and PV, 4 FLOPs per head-dim per attended key; one exponential per score. */
    private static Ideal attention(String[] cat, double[] s, double batch, double query, double prefix,
                                   ReferenceSpec spec) {
        double heads = s[0];
        double kvHeads = s[1];
        double headDim = s[2];
        double window = s[3];
        double kvBytes = DtypeLabel.elementBytes(cat[1]);
        ComputeDtype dtype = cat[0].toLowerCase(Locale.ROOT).startsWith("fp8") ? ComputeDtype.FP8 : ComputeDtype.BF16;
        double keys = AttendedKeys.sum(window, prefix, query);
        double flops = 4.0 * batch * heads * headDim * keys;
        double perNewToken = (heads + 2 * kvHeads) * headDim * ACT_BYTES + heads * headDim * ACT_BYTES
                + 2 * kvHeads * headDim * kvBytes;
        double bytes = batch * (query * perNewToken + AttendedKeys.cached(window, prefix) * 2 * kvHeads * headDim * kvBytes);
        return withSoftmax(new Ideal(ms(flops, spec.peak(dtype)), ms(bytes, spec.memoryBytesPerS()), 0),
                batch * heads * keys, spec);
    }

    /** Prefill MLA runs as MHA over decompressed keys (192 = nope + rope) and values. */
    private static Ideal mlaPrefill(String[] cat, double heads, double batch, double query, double prefix,
                                    ReferenceSpec spec) {
        double kvBytes = DtypeLabel.elementBytes(cat[1]);
        double keys = AttendedKeys.sum(0, prefix, query);
        double flops = batch * heads * keys * 2 * ((MLA_NOPE + MLA_ROPE) + MLA_V);
        double perNewToken = heads * (2 * (MLA_NOPE + MLA_ROPE) + MLA_V) * ACT_BYTES + heads * MLA_V * ACT_BYTES
                + (MLA_LORA + MLA_ROPE) * kvBytes;
        double bytes = batch * (query * perNewToken + prefix * (MLA_LORA + MLA_ROPE) * kvBytes);
        return withSoftmax(new Ideal(ms(flops, spec.peak(ComputeDtype.BF16)), ms(bytes, spec.memoryBytesPerS()), 0),
                batch * heads * keys, spec);
    }

    /** Decode MLA runs absorbed: every head attends over the shared 576-wide latent cache. */
    private static Ideal mlaDecode(String[] cat, double heads, double batch, double query, double prefix,
                                   ReferenceSpec spec) {
        double kvBytes = DtypeLabel.elementBytes(cat[1]);
        double keys = AttendedKeys.sum(0, prefix, query);
        double flops = batch * heads * keys * 2 * ((MLA_LORA + MLA_ROPE) + MLA_LORA);
        double bytes = batch * ((prefix + query) * (MLA_LORA + MLA_ROPE) * kvBytes
                + query * heads * ((MLA_LORA + MLA_ROPE) + MLA_LORA) * ACT_BYTES);
        return withSoftmax(new Ideal(ms(flops, spec.peak(ComputeDtype.BF16)), ms(bytes, spec.memoryBytesPerS()), 0),
                batch * heads * keys, spec);
    }

    /**
     * A whole MoE block on one GPU: tokens x topk assignments spread over EP ranks, each expert's
     * intermediate size split over MoE-TP; weights read once per expert that receives a token
     * (expected distinct experts under uniform routing).
     */
    private static Ideal moe(DtypeLabel d, double[] s, double tokens, ReferenceSpec spec) {
        double hidden = s[0];
        double inter = s[1] / s[4];
        double topk = s[2];
        double experts = s[3];
        double ep = s[5];
        double localExperts = Math.max(1.0, experts / ep);
        double assignments = tokens * topk / ep;
        double hitFraction = 1.0 - Math.pow(1.0 - 1.0 / experts, tokens * topk);
        double activeExperts = Math.max(1.0, localExperts * hitFraction);
        double flops = 2.0 * assignments * MOE_MATRICES * hidden * inter;
        double bytes = activeExperts * MOE_MATRICES * hidden * inter * d.weightBytes()
                + tokens * hidden * (d.activationBytes() + ACT_BYTES);
        return new Ideal(ms(flops, spec.peak(d.compute())), ms(bytes, spec.memoryBytesPerS()), 0);
    }

    private static Ideal collective(OpKind kind, double elementBytes, double gpus, double elements,
                                    ReferenceSpec spec) {
        double bus = RooflineCostModel.busBytes(kind, elements * elementBytes, (int) Math.round(gpus));
        return new Ideal(0, 0, Math.max(Ideal.MIN_MS, ms(bus, spec.scaleUpBytesPerS())));
    }

    public static OpKind ncclKind(String opName) {
        switch (opName.toLowerCase(Locale.ROOT)) {
            case "all_gather":
            case "allgather":
                return OpKind.ALL_GATHER;
            case "reduce_scatter":
            case "reducescatter":
                return OpKind.REDUCE_SCATTER;
            case "alltoall":
            case "all_to_all":
                return OpKind.ALL_TO_ALL;
            default:
                return OpKind.ALL_REDUCE;
        }
    }

    private static double ms(double amount, double perS) {
        return amount / perS * 1000.0;
    }
}
