package dev.plimsoll.profiler.plan;

/**
 * One GEMM to time: Y[m, n] = X[m, k] W[n, k]^T.
 *
 * @param dtype table label of the gemm_dtype column ({@code bfloat16}, {@code fp8}, {@code fp8_block})
 * @param m     tokens
 * @param n     output features of the weight
 * @param k     input features of the weight
 */
public record GemmPoint(String dtype, long m, long n, long k) {
    public GemmPoint {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("GEMM sizes must be positive: " + m + "x" + n + "x" + k);
        }
    }

    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Weight, activation and output bytes of one call. */
    public double bytes() {
        double in = GemmDtypes.inputBytes(dtype);
        return (double) n * k * in + (double) m * k * in + (double) m * n * 2;
    }
}
