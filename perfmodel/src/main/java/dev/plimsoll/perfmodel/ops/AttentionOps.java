package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.AttentionSpan;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.MlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;
import dev.plimsoll.perfmodel.specs.QkNorm;

import java.util.List;

/** The attention half of a decoder layer on one GPU: projections, rotary, attention, output. */
final class AttentionOps {
    /** Fused add + RMSNorm reads input and residual and writes both: 4 x 2 bytes per element. */
    static final double NORM_BYTES_PER_ELEMENT = 8.0;
    /** Rotary embedding reads and writes q and k once: 2 x 2 bytes per element. */
    static final double ROPE_BYTES_PER_ELEMENT = 4.0;
    /** An RMSNorm that is not fused with an add reads and writes its input once: 2 x 2 bytes per element. */
    static final double PLAIN_NORM_BYTES_PER_ELEMENT = 4.0;
    /**
     * The gated attention output: the sigmoid reads the gate and writes it, the product reads the
     * output and the gate and writes the output: 5 x 2 bytes per element.
     */
    static final double OUTPUT_GATE_BYTES_PER_ELEMENT = 10.0;
    /**
     * A norm across all heads reads q and k for their sum of squares, then again to scale them, and
     * writes them: 3 x 2 bytes per element (vLLM MiniMaxText01RMSNormTP.forward_qk).
     */
    static final double ACROSS_HEADS_NORM_BYTES_PER_ELEMENT = 6.0;
    /** The across-heads norm all-reduces two fp32 variances per token (query and key). */
    static final int ACROSS_HEADS_VARIANCES = 2;
    static final int FP32_BYTES = 4;

    private final ModelSpec model;
    private final ShardedDims dims;
    private final Precision linear;
    private final NumberFormat kvFormat;
    private final SparseAttentionOps sparse;
    private final int tp;
    private final boolean qkNormFusedWithRope;
    private final boolean ropeInsideAttention;
    private final boolean fp8Absorption;
    private final TrtllmFusions fusions;
    private final Fp8KvPrefill fp8KvPrefill;

    /**
     * @param qkNormFusedWithRope the engine normalises queries and keys inside its rotary kernel
     *                            ({@link QkNormKernels#fusedWithRope}), so a per-head norm adds no op
     * @param ropeInsideAttention the engine rotates queries and keys inside its attention op
     *                            ({@link QkNormKernels#ropeInsideAttention}), so no rotary op runs apart
     * @param fp8Absorption       MLA decode's absorption BMMs run with FP8 block-scaled weights
     *                            ({@link ReleaseGraph#kvBProjInCheckpointFormat()}), BF16 otherwise
     * @param fusions             TensorRT-LLM's fused norms and FP8 epilogues ({@link TrtllmFusions})
     * @param fp8KvPrefill        how the engine's prefill attention runs over the KV cache's format
     *                            ({@link Fp8KvPrefill})
     */
    AttentionOps(ModelSpec model, ShardedDims dims, Precision linear, NumberFormat kvFormat, int tp,
                 boolean qkNormFusedWithRope, boolean ropeInsideAttention, boolean fp8Absorption,
                 TrtllmFusions fusions, Fp8KvPrefill fp8KvPrefill) {
        this.model = model;
        this.dims = dims;
        this.linear = linear;
        this.kvFormat = kvFormat;
        this.sparse = new SparseAttentionOps(model, linear, kvFormat);
        this.tp = tp;
        this.qkNormFusedWithRope = qkNormFusedWithRope;
        this.ropeInsideAttention = ropeInsideAttention;
        this.fp8Absorption = fp8Absorption;
        this.fusions = fusions;
        this.fp8KvPrefill = fp8KvPrefill;
    }

    void add(List<Op> ops, StepBatch b, AttentionWindow window, int repeat) {
        long tokens = b.tokens();
        long h = model.hiddenSize();
        if (!fusions.normsInAllReduce()) {
            ops.add(OpFactory.elementwise("input_norm", OpKind.ELEMENTWISE, tokens * h, NORM_BYTES_PER_ELEMENT, 1,
                    repeat));
        }
        if (model.attention().isMla()) {
            addMla(ops, b, window, repeat);
        } else {
            addGqa(ops, b, window, repeat);
        }
    }

    private void addGqa(List<Op> ops, StepBatch b, AttentionWindow window, int repeat) {
        AttentionSpec a = model.attention();
        long tokens = b.tokens();
        int d = a.headDim();
        int heads = dims.headsPerGpu();
        int kv = dims.kvHeadsPerGpu();
        // a gated attention output doubles the query projection (Qwen3-Next q_proj: query and gate)
        int qWidthHeads = a.outputGate() ? 2 * heads : heads;
        long qkvWidth = (long) (qWidthHeads + 2 * kv) * d;
        ops.add(OpFactory.gemm("qkv_proj", tokens, qkvWidth, model.hiddenSize(), linear, repeat,
                fusions.qkvGateUpQuantisedInput()));
        addQkNorm(ops, tokens * (heads + kv) * (long) d, tokens, repeat);
        if (!ropeInsideAttention) {
            ops.add(OpFactory.elementwise("rope", OpKind.ELEMENTWISE, tokens * (heads + kv) * (long) d,
                    ROPE_BYTES_PER_ELEMENT, 1, repeat));
        }
        if (b.prefillRequests() > 0) {
            if (fp8KvPrefill == Fp8KvPrefill.FP8_CASTS_APART) {
                ops.add(OpFactory.elementwise("qkv_fp8_cast", OpKind.ELEMENTWISE,
                        (long) b.prefillRequests() * b.prefillTokens() * (heads + 2L * kv) * d,
                        Fp8KvPrefill.CAST_BYTES_PER_ELEMENT, Fp8KvPrefill.CAST_KERNELS, repeat));
            }
            ops.add(OpFactory.attention("attention_prefill", OpKind.ATTENTION_PREFILL, b.prefillRequests(),
                    b.prefillTokens(), b.prefillPrefixTokens(), heads, kv, d, window, kvFormat,
                    fp8KvPrefill.fp8Compute() ? ComputeDtype.FP8 : ComputeDtype.BF16, repeat));
        }
        if (b.decodeRequests() > 0) {
            ops.add(OpFactory.attention("attention_decode", OpKind.ATTENTION_DECODE, b.decodeRequests(), 1,
                    b.decodeContextTokens(), heads, kv, d, window, kvFormat, repeat));
        }
        if (a.outputGate()) {
            // Qwen3-Next / Qwen3.5 gated attention: gate = sigmoid(gate); out = out * gate, two
            // element-wise kernels (vLLM's and SGLang's Qwen3NextAttention / Qwen3_5AttentionDecoderLayer)
            ops.add(OpFactory.elementwise("attn_output_gate", OpKind.ELEMENTWISE, tokens * heads * (long) d,
                    OUTPUT_GATE_BYTES_PER_ELEMENT, 2, repeat));
        }
        ops.add(OpFactory.gemm("o_proj", tokens, model.hiddenSize(), (long) heads * d, linear, repeat,
                fusions.oProjQuantisedInput()));
    }

    /**
     * The query/key norm ({@link QkNorm}) of {@code elements} query and key elements: per head, one
     * RMSNorm kernel for the queries and one for the keys (unless the engine fuses them into its
     * rotary kernel); across heads, the two norms' passes and, under tensor parallelism, one
     * all-reduce of each token's two variances.
     */
    private void addQkNorm(List<Op> ops, long elements, long tokens, int repeat) {
        QkNorm norm = model.attention().qkNorm();
        if (norm == QkNorm.PER_HEAD && !qkNormFusedWithRope) {
            ops.add(OpFactory.elementwise("qk_norm", OpKind.ELEMENTWISE, elements, PLAIN_NORM_BYTES_PER_ELEMENT, 2,
                    repeat));
        } else if (norm == QkNorm.ACROSS_HEADS) {
            ops.add(OpFactory.elementwise("qk_norm", OpKind.ELEMENTWISE, elements, ACROSS_HEADS_NORM_BYTES_PER_ELEMENT,
                    2, repeat));
            if (tp > 1) {
                ops.add(OpFactory.collective("qk_norm_allreduce", OpKind.ALL_REDUCE, tokens * ACROSS_HEADS_VARIANCES,
                        FP32_BYTES, tp, dims.tpCrossesDomain(), repeat));
            }
        }
    }

    /**
     * DeepSeek MLA as SGLang and TensorRT-LLM run it: prefill expands the latent into per-head K
     * and V (kv_b_proj) and runs MHA with qk dim nope+rope and v dim v_head_dim; decode absorbs
     * kv_b_proj into the query and output (DeepSeek-V2 paper, section 2.1.3) and attends over the
     * cached latent directly.
     */
    private void addMla(List<Op> ops, StepBatch b, AttentionWindow window, int repeat) {
        MlaSpec m = model.attention().mla();
        long tokens = b.tokens();
        long h = model.hiddenSize();
        int heads = dims.headsPerGpu();
        long kvA = m.kvLoraRank() + m.qkRopeHeadDim();
        if (m.qLoraRank() > 0) {
            // q_a_proj and kv_a_proj_with_mqa read the same input and run as one GEMM in every engine:
            // SGLang fused_qkv_a_proj_with_mqa (models/deepseek_v2.py DeepseekV2AttentionMLA), vLLM
            // fused_qkv_a_proj (MergedReplicatedLinear, models/deepseek_v2.py), TensorRT-LLM
            // kv_a_proj_with_mqa of kv_lora_rank + qk_rope_head_dim + q_lora_rank outputs
            // (models/modeling_deepseekv3.py)
            ops.add(OpFactory.gemm("qkv_a_proj", tokens, m.qLoraRank() + kvA, h, linear, repeat));
            ops.add(OpFactory.elementwise("q_a_norm", OpKind.ELEMENTWISE, tokens * m.qLoraRank(),
                    PLAIN_NORM_BYTES_PER_ELEMENT, 1, repeat));
            ops.add(OpFactory.gemm("q_b_proj", tokens, (long) heads * m.qkHeadDim(), m.qLoraRank(), linear, repeat));
        } else {
            ops.add(OpFactory.gemm("q_proj", tokens, (long) heads * m.qkHeadDim(), h, linear, repeat));
            ops.add(OpFactory.gemm("kv_a_proj", tokens, kvA, h, linear, repeat));
        }
        // DeepSeek-V2 section 2.1.2: the compressed latents pass an RMSNorm before their up-projections
        // (transformers DeepseekV3Attention q_a_layernorm, kv_a_layernorm); every engine runs both
        ops.add(OpFactory.elementwise("kv_a_norm", OpKind.ELEMENTWISE, tokens * m.kvLoraRank(),
                PLAIN_NORM_BYTES_PER_ELEMENT, 1, repeat));
        if (m.isSparse()) {
            addSparseMla(ops, b, repeat);
            return;
        }
        double kvBytes = kvFormat.bytesPerElement();
        if (b.prefillRequests() > 0) {
            long prefillTokens = (long) b.prefillRequests() * b.prefillTokens();
            ops.add(OpFactory.gemm("kv_b_proj", prefillTokens, (long) heads * (m.qkNopeHeadDim() + m.vHeadDim()),
                    m.kvLoraRank(), linear, repeat));
            double keys = AttentionSpan.keysSum(window, b.prefillPrefixTokens(),
                    b.prefillTokens());
            double flops = b.prefillRequests() * 2.0 * heads * keys * (m.qkHeadDim() + m.vHeadDim());
            double bytes = prefillTokens * ((double) heads * (2 * m.qkHeadDim() + 2 * m.vHeadDim()) * OpFactory.ACT_BYTES
                    + m.cachedElementsPerToken() * kvBytes)
                    + (double) b.prefillRequests() * window.cachedTokens(b.prefillPrefixTokens())
                    * m.cachedElementsPerToken() * kvBytes;
            ops.add(new Op("mla_prefill", OpKind.MLA_PREFILL, ComputeDtype.BF16, flops, bytes, 1, repeat,
                    new OpShape.Mla(b.prefillRequests(), b.prefillTokens(), b.prefillPrefixTokens(), heads,
                            model.attention().numHeads() / heads, kvFormat)));
        }
        if (b.decodeRequests() > 0) {
            int batch = b.decodeRequests();
            // the absorption BMMs the engines run (SGLang and vLLM torch.bmm on weights dequantised to BF16
            // at load; TensorRT-LLM bmm_out, or fp8_block_scaling_bmm_out where its release kept kv_b_proj in
            // FP8): priced from the mla_bmm tables
            ops.add(OpFactory.mlaBmm("mla_absorb_k", batch, m.kvLoraRank(), m.qkNopeHeadDim(), heads, true,
                    fp8Absorption, repeat));
            double keys = window.keysAt(b.decodeContextTokens());
            double flops = batch * 2.0 * heads * keys * (m.cachedElementsPerToken() + m.kvLoraRank());
            double bytes = batch * (keys * m.cachedElementsPerToken() * kvBytes
                    + (double) heads * (m.cachedElementsPerToken() + m.kvLoraRank()) * OpFactory.ACT_BYTES);
            ops.add(new Op("mla_decode", OpKind.MLA_DECODE, ComputeDtype.BF16, flops, bytes, 1, repeat,
                    new OpShape.Mla(batch, 1, b.decodeContextTokens(), heads,
                            model.attention().numHeads() / heads, kvFormat)));
            ops.add(OpFactory.mlaBmm("mla_absorb_v", batch, m.vHeadDim(), m.kvLoraRank(), heads, false,
                    fp8Absorption, repeat));
        }
        ops.add(OpFactory.gemm("o_proj", tokens, h, (long) heads * m.vHeadDim(), linear, repeat));
    }

    /**
     * MLA with DeepSeek sparse attention: the indexer picks top-k tokens per query and attention runs
     * absorbed for prefill and decode alike (the sparse kernels read the latent cache directly), so
     * kv_b_proj is folded into the query (absorb_k) and output (absorb_v) for every token.
     */
    private void addSparseMla(List<Op> ops, StepBatch b, int repeat) {
        MlaSpec m = model.attention().mla();
        long tokens = b.tokens();
        int heads = dims.headsPerGpu();
        sparse.addIndexerProjections(ops, tokens, repeat);
        ops.add(OpFactory.headGemm("mla_absorb_k", tokens, m.kvLoraRank(), m.qkNopeHeadDim(), heads, linear, repeat));
        if (b.prefillRequests() > 0) {
            sparse.addAttention(ops, true, b.prefillRequests(), b.prefillTokens(), b.prefillPrefixTokens(), heads,
                    repeat);
        }
        if (b.decodeRequests() > 0) {
            sparse.addAttention(ops, false, b.decodeRequests(), 1, b.decodeContextTokens(), heads, repeat);
        }
        ops.add(OpFactory.headGemm("mla_absorb_v", tokens, m.vHeadDim(), m.kvLoraRank(), heads, linear, repeat));
        ops.add(OpFactory.gemm("o_proj", tokens, model.hiddenSize(), (long) heads * m.vHeadDim(), linear, repeat));
    }
}
