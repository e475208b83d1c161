package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.AttendedKeys;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.WindowKind;

import java.util.List;
import java.util.Optional;

/**
 * Maps an op (shapes per GPU, after parallelism) to the table row that measures it. Ops the tables
 * do not cover (element-wise work, embedding, sampling, point-to-point, cross-domain collectives,
 * a single-GPU collective) map to nothing and are priced by the roofline.
 */
final class OpQueries {
    /** Attention inputs are bf16 unless the engine casts the queries to an FP8 cache (ops.Fp8KvPrefill). */
    static final String ATTENTION_DTYPE = "bfloat16";
    /** The attention tables' label of FP8 compute (queries cast to the FP8 cache's format). */
    static final String FP8_ATTENTION_DTYPE = "fp8";
    /** AIConfigurator's default MoE routing ("power_law" maps to power_law_1.01 in its ModelConfig). */
    static final List<String> MOE_DISTRIBUTIONS = List.of("power_law_1.01", "balanced", "power_law_1.2");
    /** The mla_bmm tables' op names: into the latent (W_UK) and out of it (W_UV). */
    static final String MLA_BMM_PRE = "mla_gen_pre";
    static final String MLA_BMM_POST = "mla_gen_post";
    /** The MoE tables' even routing: every pick a distinct expert, spread evenly over the ranks. */
    static final String BALANCED = "balanced";
    /**
     * Indexer score pattern the top-k table is read at: "flat" (scores without structure, the
     * selection's general case) before "top_last" (the highest scores at the end of the context).
     */
    static final String DSA_SCORE_MODE = "flat";
    /** The sparse-attention tables label an fp8 KV cache and the indexer's fp8 data "fp8_e4m3". */
    static final String DSA_FP8 = "fp8_e4m3";
    /** Role labels of gated DeltaNet queries, resolved to the framework's kernel by {@link #gdnCategory}. */
    static final String GDN_CONV_ROLE = "conv1d";
    static final String GDN_RULE_ROLE = "delta_rule";

    private OpQueries() {
    }

    /** A query and the family it belongs to; empty if no table measures this op. */
    static Optional<KernelQuery> of(Op op) {
        OpShape s = op.shape();
        switch (op.kind()) {
            case GEMM:
                if (s instanceof OpShape.MlaBmm b) {
                    return Optional.of(KernelQuery.of(KernelFamily.MLA_BMM,
                            (b.pre() ? MLA_BMM_PRE : MLA_BMM_POST) + KernelRow.SEPARATOR + (b.fp8() ? "fp8" : "bfloat16"),
                            new double[]{b.heads()}, new double[]{b.tokens()}));
                }
                if (s instanceof OpShape.Gemm) {
                    OpShape.Gemm g = (OpShape.Gemm) s;
                    if (g.m() > 0 && g.n() > 0 && g.k() > 0) {
                        return Optional.of(KernelQuery.of(KernelFamily.GEMM, g.precision().tableLabel(),
                                new double[]{g.n(), g.k()}, new double[]{g.m()}));
                    }
                }
                return Optional.empty();
            case ATTENTION_PREFILL:
            case ATTENTION_DECODE:
                return s instanceof OpShape.Attention a ? attention(op.kind(), op.dtype(), a) : Optional.empty();
            case MLA_PREFILL:
            case MLA_DECODE:
                return s instanceof OpShape.Mla ? mla(op.kind(), (OpShape.Mla) s) : Optional.empty();
            case GDN_CONV:
            case GDN_PREFILL:
            case GDN_DECODE:
                return s instanceof OpShape.Gdn ? gdn(op.kind(), (OpShape.Gdn) s) : Optional.empty();
            case DSA_PREFILL:
            case DSA_DECODE:
            case DSA_INDEXER:
            case DSA_TOPK:
                return s instanceof OpShape.Dsa ? dsa(op.kind(), (OpShape.Dsa) s) : Optional.empty();
            case MOE:
                if (s instanceof OpShape.Moe) {
                    OpShape.Moe m = (OpShape.Moe) s;
                    if (m.tokens() > 0) {
                        String label = moeLabel(m.precision().tableLabel());
                        return Optional.of(KernelQuery.of(KernelFamily.MOE, label + KernelRow.SEPARATOR
                                        + MOE_DISTRIBUTIONS.get(0),
                                new double[]{m.hidden(), m.intermediate(), m.topK(), m.experts(), m.moeTp(), m.moeEp()},
                                new double[]{m.tokens()}));
                    }
                }
                return Optional.empty();
            case ALL_REDUCE:
            case ALL_GATHER:
            case REDUCE_SCATTER:
            case ALL_TO_ALL:
                return s instanceof OpShape.Collective ? collective(op.kind(), (OpShape.Collective) s)
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** @param compute FP8 where the engine casts the queries to the cache's FP8 (the tables' fp8|fp8 rows) */
    private static Optional<KernelQuery> attention(OpKind kind, ComputeDtype compute, OpShape.Attention a) {
        if (a.batch() <= 0 || a.queryTokens() <= 0 || a.heads() <= 0 || a.kvHeads() <= 0) {
            return Optional.empty();
        }
        String dtype = compute == ComputeDtype.FP8 ? FP8_ATTENTION_DTYPE : ATTENTION_DTYPE;
        String category = dtype + KernelRow.SEPARATOR + kvLabel(a.kvCache());
        double[] shape = {a.heads(), a.kvHeads(), a.headDim(), windowColumn(a.window())};
        boolean chunked = a.window().kind() == WindowKind.CHUNKED;
        if (kind == OpKind.ATTENTION_PREFILL) {
            boolean standIn = a.prefixTokens() > 0 || chunked;
            double isl = a.prefixTokens() > 0
                    ? equivalentLength(a.window(), a.prefixTokens(), a.queryTokens()) : a.queryTokens();
            return Optional.of(new KernelQuery(KernelFamily.CONTEXT_ATTENTION, category, shape,
                    new double[]{a.batch(), isl}, a.queryTokens(), a.prefixTokens(), standIn));
        }
        return Optional.of(new KernelQuery(KernelFamily.GENERATION_ATTENTION, category, shape,
                new double[]{a.batch(), a.prefixTokens()}, a.queryTokens(), a.prefixTokens(),
                a.queryTokens() != 1 || chunked));
    }

    private static Optional<KernelQuery> mla(OpKind kind, OpShape.Mla m) {
        if (m.batch() <= 0 || m.queryTokens() <= 0 || m.heads() <= 0) {
            return Optional.empty();
        }
        String category = ATTENTION_DTYPE + KernelRow.SEPARATOR + kvLabel(m.kvCache());
        double[] shape = {m.heads()};
        if (kind == OpKind.MLA_PREFILL) {
            double isl = m.prefixTokens() > 0
                    ? equivalentLength(AttentionWindow.FULL, m.prefixTokens(), m.queryTokens()) : m.queryTokens();
            return Optional.of(new KernelQuery(KernelFamily.CONTEXT_MLA, category, shape,
                    new double[]{m.batch(), isl}, m.queryTokens(), m.prefixTokens(), m.prefixTokens() > 0));
        }
        return Optional.of(new KernelQuery(KernelFamily.GENERATION_MLA, category, shape,
                new double[]{m.batch(), m.prefixTokens()}, m.queryTokens(), m.prefixTokens(), m.queryTokens() != 1));
    }

    /**
     * A gated DeltaNet kernel: category phase and role (conv1d or the delta rule), shape the local
     * heads, grid requests and tokens per request (1 in decode).
     */
    private static Optional<KernelQuery> gdn(OpKind kind, OpShape.Gdn g) {
        if (g.batch() <= 0 || g.tokens() <= 0) {
            return Optional.empty();
        }
        String phase = g.prefill() ? "context" : "generation";
        String role = kind == OpKind.GDN_CONV ? GDN_CONV_ROLE : GDN_RULE_ROLE;
        return Optional.of(KernelQuery.of(KernelFamily.GDN, phase + KernelRow.SEPARATOR + role,
                new double[]{g.keyHeads(), g.keyHeadDim(), g.valueHeads(), g.valueHeadDim()},
                new double[]{g.batch(), g.prefill() ? g.tokens() : 1}));
    }

    /**
     * The framework's own category for a gated DeltaNet query: the kernel of the same phase that is
     * (or is not, for the delta rule) the conv1d; null when the table has none.
     */
    static String gdnCategory(String roleCategory, FamilyModel gdn) {
        String[] want = KernelRow.splitCategory(roleCategory);
        boolean conv = want[1].equals(GDN_CONV_ROLE);
        for (String c : gdn.categories()) {
            String[] l = KernelRow.splitCategory(c);
            if (l[0].equals(want[0]) && dev.plimsoll.perfmodel.calib.roofline.KernelRoofline.isGdnConv(l[1]) == conv) {
                return c;
            }
        }
        return null;
    }

    /** A DeepSeek sparse-attention kernel: the GLM-5 tables' categories, heads, requests, new and cached tokens. */
    private static Optional<KernelQuery> dsa(OpKind kind, OpShape.Dsa d) {
        if (d.batch() <= 0 || d.queryTokens() <= 0 || d.heads() <= 0) {
            return Optional.empty();
        }
        String kv = d.kvCache() == NumberFormat.FP8 ? DSA_FP8 : ATTENTION_DTYPE;
        KernelFamily family;
        String category;
        switch (kind) {
            case DSA_INDEXER:
                if (d.queryTokens() == 1) {
                    // AIConfigurator's collector (collector/sglang/glm5_dsa_sparse_modules.py) times the
                    // prefill kernel, DeepGEMM's non-paged fp8_mqa_logits, at every shape; SGLang decodes
                    // with fp8_paged_mqa_logits (its NSA indexer's paged top-k path), which spreads each
                    // request's keys over the SMs (get_paged_mqa_logits_metadata). A decode row of the
                    // table times a few query rows per CTA (127 us for 4 requests over 8,192 keys, 2.6 MB
                    // read), not that kernel: the roofline prices it.
                    return Optional.empty();
                }
                family = KernelFamily.DSA_INDEXER;
                category = DSA_FP8 + KernelRow.SEPARATOR + kv;
                break;
            case DSA_TOPK:
                family = KernelFamily.DSA_TOPK;
                category = DSA_FP8 + KernelRow.SEPARATOR + kv + KernelRow.SEPARATOR + DSA_SCORE_MODE;
                break;
            default:
                family = KernelFamily.DSA_ATTENTION;
                category = ATTENTION_DTYPE + KernelRow.SEPARATOR + kv;
                break;
        }
        return Optional.of(KernelQuery.of(family, category, new double[]{d.heads()},
                new double[]{d.batch(), d.queryTokens(), d.prefixTokens()}));
    }

    private static Optional<KernelQuery> collective(OpKind kind, OpShape.Collective c) {
        if (c.crossDomain() || c.gpus() <= 1 || c.elements() <= 0) {
            return Optional.empty();
        }
        String dtype = c.bytesPerElement() == 1 ? "int8" : "half";
        double elements = c.messageBytes() / (c.bytesPerElement() == 1 ? 1.0 : 2.0);
        String op;
        switch (kind) {
            case ALL_REDUCE:
                op = "all_reduce";
                break;
            case ALL_GATHER:
                op = "all_gather";
                break;
            case REDUCE_SCATTER:
                op = "reduce_scatter";
                break;
            default:
                op = "alltoall";
                break;
        }
        return Optional.of(KernelQuery.of(KernelFamily.NCCL, op + KernelRow.SEPARATOR + dtype,
                new double[]{c.gpus()}, new double[]{elements}));
    }

    /**
     * The custom all-reduce row for an NCCL all-reduce query, in the framework's CUDA-graph variant
     * (implementation = framework, or backend = framework_graph); empty when the bundle has none.
     */
    static Optional<KernelQuery> customAllReduce(KernelQuery ncclQuery, FamilyModel custom, String backend) {
        String[] cat = KernelRow.splitCategory(ncclQuery.category());
        if (!cat[0].equals("all_reduce") || !cat[1].equals("half")) {
            return Optional.empty();
        }
        String best = null;
        for (String c : custom.categories()) {
            String[] l = KernelRow.splitCategory(c);
            boolean bf16 = l[0].equals("bfloat16") || l[0].equals("half") || l[0].equals("float16");
            boolean mine = (l.length > 1 && l[1].equals(backend))
                    || (l.length > 2 && (l[2].equals(backend + "_graph") || l[2].equals(backend)));
            if (bf16 && mine) {
                best = c;
                break;
            }
            if (bf16 && best == null && c.contains("graph")) {
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(KernelQuery.of(KernelFamily.ALLREDUCE, best, ncclQuery.shape(), ncclQuery.grid()));
    }

    /**
     * Categories to read, in order, when the query's own is not measured: block-scaled and
     * per-tensor fp8 stand in for each other, other low-precision formats fall back to fp8, and
     * everything to bf16.
     */
    static List<String> fallbacks(KernelFamily family, String category) {
        String[] l = KernelRow.splitCategory(category);
        String dtype = l[0];
        String rest = category.substring(dtype.length());
        if (family != KernelFamily.GEMM && family != KernelFamily.MOE) {
            return List.of();
        }
        List<String> dtypes;
        switch (dtype) {
            case "fp8_block":
                dtypes = List.of("fp8", "bfloat16");
                break;
            case "fp8":
                dtypes = List.of("fp8_block", "bfloat16");
                break;
            case "int8":
            case "nvfp4":
            case "mxfp4":
                dtypes = List.of("fp8", "fp8_block", "bfloat16");
                break;
            default:
                dtypes = List.of("bfloat16");
                break;
        }
        return dtypes.stream().map(d -> d + rest).toList();
    }

    /** The tables label 4-bit-weight, bf16-activation MoE with mxfp4 weights "w4a16_mxfp4". */
    static String moeLabel(String tableLabel) {
        return tableLabel.equals("mxfp4_wo") ? "w4a16_mxfp4" : tableLabel;
    }

    static String kvLabel(NumberFormat f) {
        return f == NumberFormat.FP8 ? "fp8" : "bfloat16";
    }

    private static double windowColumn(AttentionWindow w) {
        return w.isFull() ? 0 : w.tokens();
    }

    /**
     * Whole-sequence length (no prefix) under the same window with as many causally attended keys
     * as a chunk of {@code queries} over {@code prefix} cached tokens, found by bisection.
     */
    static double equivalentLength(AttentionWindow window, long prefix, long queries) {
        double w = windowColumn(window);
        double keys = AttendedKeys.sum(w, prefix, queries);
        double lo = queries;
        double hi = (double) prefix + queries;
        for (int i = 0; i < 60 && hi - lo > 0.5; i++) {
            double mid = (lo + hi) / 2;
            if (AttendedKeys.sum(w, 0, mid) < keys) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.rint(hi);
    }
}
