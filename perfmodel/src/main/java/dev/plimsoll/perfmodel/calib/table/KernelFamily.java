package dev.plimsoll.perfmodel.calib.table;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured kernel tables and how their columns are read (schema of shared/data/README.md,
 * which the profiler writes too). Each row is keyed by
 * <ul>
 *   <li>category columns: labels that must match exactly (dtypes, collective, variant),</li>
 *   <li>shape columns: the kernel's fixed dimensions (GEMM n and k, heads, MoE sizes, GPUs); an
 *       unseen shape is transferred from its measured neighbours,</li>
 *   <li>grid columns: the dimensions a serving step varies (tokens, batch, sequence length,
 *       message size), interpolated between measured points.</li>
 * </ul>
 */
public enum KernelFamily {
    GEMM("gemm", "gemm", List.of("gemm_dtype"), List.of(),
            List.of(Axis.log2("n"), Axis.log2("k")), List.of(Axis.log2("m"))),
    CONTEXT_ATTENTION("context_attention", "context_attention", List.of("attn_dtype", "kv_cache_dtype"), List.of(),
            List.of(Axis.log2("num_heads"), Axis.log2("num_key_value_heads"), Axis.log2("head_dim"),
                    new Axis("window_size", AxisScale.WINDOW)),
            List.of(Axis.log2("batch_size"), Axis.log2("isl"))),
    GENERATION_ATTENTION("generation_attention", "generation_attention", List.of("attn_dtype", "kv_cache_dtype"),
            List.of(),
            List.of(Axis.log2("num_heads"), Axis.log2("num_key_value_heads"), Axis.log2("head_dim"),
                    new Axis("window_size", AxisScale.WINDOW)),
            List.of(Axis.log2("batch_size"), new Axis("step", AxisScale.LOG2_PLUS_ONE))),
    /** Keyed by local heads; the tables' tp_size is 128 / heads there and adds nothing. */
    CONTEXT_MLA("context_mla", "context_mla", List.of("mla_dtype", "kv_cache_dtype"), List.of(),
            List.of(Axis.log2("num_heads")), List.of(Axis.log2("batch_size"), Axis.log2("isl"))),
    GENERATION_MLA("generation_mla", "generation_mla", List.of("mla_dtype", "kv_cache_dtype"), List.of(),
            List.of(Axis.log2("num_heads")),
            List.of(Axis.log2("batch_size"), new Axis("step", AxisScale.LOG2_PLUS_ONE))),
    MOE("moe", "moe", List.of("moe_dtype", "distribution"), List.of(),
            List.of(Axis.log2("hidden_size"), Axis.log2("inter_size"), Axis.log2("topk"), Axis.log2("num_experts"),
                    Axis.log2("moe_tp_size"), Axis.log2("moe_ep_size")),
            List.of(Axis.log2("num_tokens"))),
    /** Custom (one-shot / two-shot) all-reduce; the variant is in implementation or backend. */
    ALLREDUCE("allreduce", "custom_allreduce", List.of("allreduce_dtype"), List.of("implementation", "backend"),
            List.of(Axis.log2("num_gpus")), List.of(Axis.log2("message_size"))),
    /** NCCL collectives, one table per GPU shared by every framework. */
    NCCL("nccl", "nccl", List.of("op_name", "nccl_dtype"), List.of(),
            List.of(Axis.log2("num_gpus")), List.of(Axis.log2("message_size"))),
    /**
     * Gated DeltaNet kernels (conv1d, chunked and recurrent delta rule), one category per phase and
     * kernel; keyed by the heads local to one GPU; context rows by requests and tokens per request,
     * generation rows by requests (one token each).
     */
    GDN("gdn", "gdn", List.of("phase", "kernel_source"), List.of(),
            List.of(Axis.log2("num_k_heads"), Axis.log2("head_k_dim"), Axis.log2("num_v_heads"),
                    Axis.log2("head_v_dim")),
            List.of(Axis.log2("batch_size"), Axis.log2("seq_len"))),
    /**
     * DeepSeek sparse attention's sparse MLA kernel (FlashMLA sparse), measured for GLM-5 in SGLang:
     * {@code isl} new tokens per request over {@code step} cached ones, heads per GPU.
     */
    DSA_ATTENTION("dsa_attention", "glm5_dsa_attn_module", List.of("mla_dtype", "kv_cache_dtype"), List.of(),
            List.of(Axis.log2("num_heads")),
            List.of(Axis.log2("batch_size"), Axis.log2("isl"), new Axis("step", AxisScale.LOG2_PLUS_ONE))),
    /** DeepSeek sparse attention's indexer logits (DeepGEMM fp8 MQA logits), GLM-5 in SGLang. */
    DSA_INDEXER("dsa_indexer", "glm5_mqa_logits_module", List.of("mla_dtype", "kv_cache_dtype"), List.of(),
            List.of(Axis.log2("num_heads")),
            List.of(Axis.log2("batch_size"), Axis.log2("isl"), new Axis("step", AxisScale.LOG2_PLUS_ONE))),
    /**
     * DeepSeek sparse attention's top-k selection, GLM-5 in SGLang; rows of 0 ms (contexts within top-k,
     * where no selection runs) are left out when read.
     */
    DSA_TOPK("dsa_topk", "glm5_topk_module", List.of("mla_dtype", "kv_cache_dtype", "score_mode"), List.of(),
            List.of(Axis.log2("num_heads")),
            List.of(Axis.log2("batch_size"), Axis.log2("isl"), new Axis("step", AxisScale.LOG2_PLUS_ONE))),
    /**
     * MLA decode's weight absorption: the batched matmuls of the queries into the latent space
     * ({@code mla_gen_pre}, {@code W_UK}) and of the attended latents back to the value heads
     * ({@code mla_gen_post}, {@code W_UV}), DeepSeek-V3's 128-wide nope and value heads over the
     * 512-wide latent, in the dtype the engine runs them; keyed by heads per GPU and tokens.
     */
    MLA_BMM("mla_bmm", "mla_bmm", List.of("op_name", "bmm_dtype"), List.of(),
            List.of(Axis.log2("num_heads")), List.of(Axis.log2("num_tokens")));

    public static final String LATENCY = "latency";
    public static final String KERNEL_SOURCE = "kernel_source";

    private final String key;
    private final String filePrefix;
    private final List<String> categoryColumns;
    private final List<String> optionalCategoryColumns;
    private final List<Axis> shapeAxes;
    private final List<Axis> gridAxes;

    KernelFamily(String key, String filePrefix, List<String> categoryColumns, List<String> optionalCategoryColumns,
                 List<Axis> shapeAxes, List<Axis> gridAxes) {
        this.key = key;
        this.filePrefix = filePrefix;
        this.categoryColumns = categoryColumns;
        this.optionalCategoryColumns = optionalCategoryColumns;
        this.shapeAxes = shapeAxes;
        this.gridAxes = gridAxes;
    }

    /** Name used in reports (matches {@code OpKind.family()} where an op kind maps here). */
    public String key() {
        return key;
    }

    /** Category columns: required ones first, then optional ones (empty when absent). */
    public List<String> categoryColumns() {
        return java.util.stream.Stream.concat(categoryColumns.stream(), optionalCategoryColumns.stream()).toList();
    }

    public boolean isOptional(String column) {
        return optionalCategoryColumns.contains(column);
    }

    public List<Axis> shapeAxes() {
        return shapeAxes;
    }

    public List<Axis> gridAxes() {
        return gridAxes;
    }

    /** Columns a table of this family must have. */
    public List<String> requiredColumns() {
        java.util.List<String> cols = new java.util.ArrayList<>(categoryColumns);
        shapeAxes.forEach(a -> cols.add(a.column()));
        gridAxes.forEach(a -> cols.add(a.column()));
        cols.add(LATENCY);
        return cols;
    }

    /**
     * Whether a row of 0 ms means "no kernel ran" (the top-k table records 0 where the context holds
     * no more than top-k tokens) and is left out rather than refused.
     */
    public boolean zeroLatencyMeansNoKernel() {
        return this == DSA_TOPK;
    }

    /** Whether one table serves every framework (NCCL). */
    public boolean frameworkIndependent() {
        return this == NCCL;
    }

    /** File name of this family's table for a framework, gzipped. */
    public String fileName(String framework) {
        return frameworkIndependent() ? filePrefix + ".csv.gz" : filePrefix + "_" + framework + ".csv.gz";
    }

    public static Optional<KernelFamily> fromKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (KernelFamily f : values()) {
            if (f.key.equals(k)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Recognises a table file name: {@code <prefix>_<framework>.csv[.gz]} or {@code nccl.csv[.gz]}.
     *
     * @return the family and framework (empty framework for NCCL), or empty when not a table
     */
    public static Optional<TableFile> parseFileName(String fileName) {
        String base;
        if (fileName.endsWith(".csv.gz")) {
            base = fileName.substring(0, fileName.length() - ".csv.gz".length());
        } else if (fileName.endsWith(".csv")) {
            base = fileName.substring(0, fileName.length() - ".csv".length());
        } else {
            return Optional.empty();
        }
        // longest prefix first: "custom_allreduce" before anything shorter
        for (KernelFamily f : values()) {
            if (f.frameworkIndependent() && base.equals(f.filePrefix)) {
                return Optional.of(new TableFile(f, ""));
            }
            String p = f.filePrefix + "_";
            if (base.startsWith(p) && base.length() > p.length() && !base.substring(p.length()).contains("_")
                    && !f.frameworkIndependent()) {
                return Optional.of(new TableFile(f, base.substring(p.length())));
            }
        }
        return Optional.empty();
    }

    /** A recognised table file name. */
    public record TableFile(KernelFamily family, String framework) {
    }
}
