package dev.plimsoll.perfmodel.specs;

/**
 * How one group of weights is stored and multiplied.
 *
 * @param weights     storage format of the weights
 * @param compute     tensor-core type the GEMM runs in (weight-only formats dequantise to bf16)
 * @param blockScaled fp8 with per-block scales (DeepSeek style), slower than per-tensor fp8
 */
public record Precision(NumberFormat weights, ComputeDtype compute, boolean blockScaled) {
    public static final Precision BF16 = new Precision(NumberFormat.BF16, ComputeDtype.BF16, false);

    /** Label used by the measured kernel tables' gemm_dtype / moe_dtype columns. */
    public String tableLabel() {
        if (compute == ComputeDtype.FP8) {
            return blockScaled ? "fp8_block" : "fp8";
        }
        if (compute == ComputeDtype.FP4) {
            return weights == NumberFormat.MXFP4 ? "mxfp4" : "nvfp4";
        }
        if (compute == ComputeDtype.INT8) {
            return "int8";
        }
        if (weights.isFourBit()) {
            return weights == NumberFormat.INT4 ? "int4_wo" : weights.key() + "_wo";
        }
        return weights == NumberFormat.FP8 ? "fp8_wo" : "bfloat16";
    }
}
