package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.Precision;

/**
 * The dimensions of one kernel call as a measured table keys them. All sizes are per GPU, after
 * parallelism has been applied.
 */
public sealed interface OpShape {

    /**
     * One of MLA decode's weight-absorption batched matmuls: {@code tokens} decode queries per head
     * into the latent ({@code pre}, W_UK) or out of it ({@code post}, W_UV), over {@code heads} heads
     * per GPU, with FP8 block-scaled weights or BF16 ones.
     */
    record MlaBmm(long tokens, int heads, boolean pre, boolean fp8) implements OpShape {
    }

    /**
     * C[m, n] = A[m, k] x W[k, n]; m = tokens, n x k = the weight.
     *
     * @param quantisedInput the input arrives already in the GEMM's FP8 (an upstream kernel wrote it so),
     *                       so no quantising kernel runs before it
     */
    record Gemm(long m, long n, long k, Precision precision, boolean quantisedInput) implements OpShape {
        public Gemm(long m, long n, long k, Precision precision) {
            this(m, n, k, precision, false);
        }
    }

    /**
     * Attention of {@code batch} requests, each with {@code queryTokens} new tokens on top of
     * {@code prefixTokens} already cached. Decode is queryTokens = 1, prefixTokens = context.
     */
    record Attention(int batch, int queryTokens, long prefixTokens, int heads, int kvHeads, int headDim,
                     AttentionWindow window, NumberFormat kvCache) implements OpShape {
    }

    /** DeepSeek MLA with {@code heads} local heads (the tables key it by heads and TP size). */
    record Mla(int batch, int queryTokens, long prefixTokens, int heads, int tpSize, NumberFormat kvCache)
            implements OpShape {
    }

    /**
     * Gated DeltaNet kernels of {@code batch} requests with {@code tokens} new tokens each, heads
     * local to one GPU. {@code prefill} tells the chunked (context) kernels from the recurrent
     * (generation) ones; the gdn tables key both by these.
     */
    record Gdn(boolean prefill, int batch, int tokens, int keyHeads, int keyHeadDim, int valueHeads,
               int valueHeadDim, int convKernel) implements OpShape {
    }

    /**
     * DeepSeek sparse attention of {@code batch} requests with {@code queryTokens} new tokens over
     * {@code prefixTokens} cached ones: {@code heads} local MLA heads (the kernel's padded count),
     * {@code topK} keys per query.
     */
    record Dsa(int batch, int queryTokens, long prefixTokens, int heads, int topK, NumberFormat kvCache)
            implements OpShape {
    }

    /** A whole MoE block on one GPU: routing, grouped expert GEMMs, combine. */
    record Moe(long tokens, int hidden, int intermediate, int topK, int experts, int moeTp, int moeEp,
               Precision precision) implements OpShape {
    }

    /** A collective over {@code gpus} ranks; {@code elements} per rank as NCCL counts them. */
    record Collective(long elements, int bytesPerElement, int gpus, boolean crossDomain) implements OpShape {
        public double messageBytes() {
            return (double) elements * bytesPerElement;
        }
    }

    /** Memory-bound element-wise work: norms, rotary, activation, residual, sampling. */
    record Elementwise(long elements) implements OpShape {
    }
}
