package dev.plimsoll.profiler.plan;

import java.util.List;

/** The GEMM types the cuBLASLt benchmark measures, by their kernel-table label. */
public final class GemmDtypes {
    public static final String BF16 = "bfloat16";
    public static final String FP8 = "fp8";
    public static final String FP8_BLOCK = "fp8_block";
    /** Labels the benchmark can run, in the order a plan lists them. */
    public static final List<String> MEASURABLE = List.of(BF16, FP8, FP8_BLOCK);

    private GemmDtypes() {
    }

    public static boolean measurable(String label) {
        return MEASURABLE.contains(label);
    }

    /** The benchmark's own name for a label (gemm_bench.cu: bf16, fp8, fp8_block). */
    public static String benchName(String label) {
        return switch (label) {
            case BF16 -> "bf16";
            case FP8 -> "fp8";
            case FP8_BLOCK -> "fp8_block";
            default -> throw new IllegalArgumentException("no GEMM benchmark for " + label);
        };
    }

    /** Bytes per input element. */
    public static double inputBytes(String label) {
        return label.startsWith("fp8") ? 1.0 : 2.0;
    }
}
