package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.AttentionSpan;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;

/** Builds ops with their roofline FLOPs and bytes. Activations are bf16 unless quantised. */
public final class OpFactory {
    /** bf16 activations and outputs. */
    static final double ACT_BYTES = 2.0;

    private OpFactory() {
    }

    static double inputActivationBytes(Precision p) {
        switch (p.compute()) {
            case FP8:
            case INT8:
                return 1.0;
            case FP4:
                return NumberFormat.NVFP4.bytesPerElement();
            default:
                return ACT_BYTES;
        }
    }

    /**
     * Kernel launches that quantise a GEMM's bf16 input before a quantised-activation GEMM runs: one
     * (SGLang apply_fp8_linear / apply_w8a8_block_fp8_linear call per_token_group_quant_fp8 or
     * scaled_fp8_quant, vLLM's Fp8LinearOp QuantFP8, TensorRT-LLM's fp8_quantize_1x128 and
     * fp4_quantize, each a kernel of its own ahead of the GEMM); none for bf16 and weight-only GEMMs.
     */
    static int activationQuantKernels(Precision p) {
        return p.compute() == ComputeDtype.BF16 ? 0 : 1;
    }

    /** C[m, n] = A[m, k] W[k, n]: reads the weight and the input, writes the output. */
    public static Op gemm(String name, long m, long n, long k, Precision p, int repeat) {
        double flops = 2.0 * m * n * k;
        double bytes = (double) n * k * p.weights().bytesPerElement() + (double) m * k * inputActivationBytes(p)
                + (double) m * n * ACT_BYTES;
        return new Op(name, OpKind.GEMM, p.compute(), flops, bytes, 1 + activationQuantKernels(p), repeat,
                new OpShape.Gemm(m, n, k, p));
    }

    /**
     * A GEMM whose input may arrive already in the GEMM's FP8 ({@code quantisedInput}: an upstream
     * kernel wrote it so), then with no quantising kernel before it.
     */
    static Op gemm(String name, long m, long n, long k, Precision p, int repeat, boolean quantisedInput) {
        return quantisedInput ? gemmOnQuantisedInput(name, m, n, k, p, repeat) : gemm(name, m, n, k, p, repeat);
    }

    private static Op gemmOnQuantisedInput(String name, long m, long n, long k, Precision p, int repeat) {
        double flops = 2.0 * m * n * k;
        double bytes = (double) n * k * p.weights().bytesPerElement() + (double) m * k * p.weights().bytesPerElement()
                + (double) m * n * ACT_BYTES;
        return new Op(name, OpKind.GEMM, p.compute(), flops, bytes, 1, repeat, new OpShape.Gemm(m, n, k, p, true));
    }

    /**
     * One MLA weight-absorption BMM of {@code tokens} decode queries over {@code heads} heads:
     * {@code tokens x k} by {@code k x n} per head, weights FP8 block-scaled or BF16.
     */
    static Op mlaBmm(String name, long tokens, long n, long k, int heads, boolean pre, boolean fp8, int repeat) {
        double flops = 2.0 * tokens * n * k * heads;
        double bytes = heads * ((double) n * k * (fp8 ? 1 : ACT_BYTES) + (double) tokens * (k + n) * ACT_BYTES);
        return new Op(name, OpKind.GEMM, fp8 ? ComputeDtype.FP8 : ComputeDtype.BF16, flops, bytes, 1, repeat,
                new OpShape.MlaBmm(tokens, heads, pre, fp8));
    }

    /** A batched matmul of per-head weights (MLA absorption): flops and bytes given explicitly. */
    static Op headGemm(String name, long m, long n, long k, long heads, Precision p, int repeat) {
        double flops = 2.0 * m * n * k * heads;
        double bytes = heads * ((double) n * k * p.weights().bytesPerElement() + (double) m * (k + n) * ACT_BYTES);
        return new Op(name, OpKind.GEMM, p.compute(), flops, bytes, 1, repeat,
                new OpShape.Gemm(m, n * heads, k, p));
    }

    /**
     * Memory-bound element-wise kernel.
     *
     * @param bytesPerElement bytes read and written per element
     */
    static Op elementwise(String name, OpKind kind, long elements, double bytesPerElement, int kernels, int repeat) {
        return new Op(name, kind, ComputeDtype.BF16, 0.0, elements * bytesPerElement, kernels, repeat,
                new OpShape.Elementwise(elements));
    }

    /**
     * GQA attention of {@code batch} requests with {@code queries} new tokens each over
     * {@code prefix} cached tokens: QK^T and PV (4 flops per head-dim per key), reading Q, K, V,
     * writing O and the new KV into the cache, reading the cached KV.
     */
    static Op attention(String name, OpKind kind, int batch, int queries, long prefix, int heads, int kvHeads,
                        int headDim, AttentionWindow window, NumberFormat kvFormat, int repeat) {
        return attention(name, kind, batch, queries, prefix, heads, kvHeads, headDim, window, kvFormat,
                ComputeDtype.BF16, repeat);
    }

    /** As above, computing in {@code compute} (FP8: the queries cast to the cache's FP8, {@link Fp8KvPrefill}). */
    static Op attention(String name, OpKind kind, int batch, int queries, long prefix, int heads, int kvHeads,
                        int headDim, AttentionWindow window, NumberFormat kvFormat, ComputeDtype compute, int repeat) {
        double keys = AttentionSpan.keysSum(window, prefix, queries);
        double flops = batch * 4.0 * heads * headDim * keys;
        double kvBytes = kvFormat.bytesPerElement();
        double newTokens = (double) batch * queries;
        double qkvOut = newTokens * ((heads + 2.0 * kvHeads) * headDim * ACT_BYTES + heads * headDim * ACT_BYTES
                + 2.0 * kvHeads * headDim * kvBytes);
        double cachedRead = (double) batch * window.cachedTokens(prefix) * 2.0 * kvHeads * headDim * kvBytes;
        return new Op(name, kind, compute, flops, qkvOut + cachedRead, 1, repeat,
                new OpShape.Attention(batch, queries, prefix, heads, kvHeads, headDim, window, kvFormat));
    }

    static Op collective(String name, OpKind kind, long elements, int bytesPerElement, int gpus, boolean crossDomain,
                         int repeat) {
        return new Op(name, kind, ComputeDtype.BF16, 0.0, (double) elements * bytesPerElement, 1, repeat,
                new OpShape.Collective(elements, bytesPerElement, gpus, crossDomain));
    }
}
