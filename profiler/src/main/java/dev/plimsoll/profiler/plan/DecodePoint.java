package dev.plimsoll.profiler.plan;

/**
 * Decode attention: {@code batch} requests with one new token each over {@code step} cached tokens
 * (the generation_attention table's row).
 *
 * @param kvDtype table label of the KV cache: {@code bfloat16} or {@code fp8}
 */
public record DecodePoint(AttentionHeads heads, String kvDtype, int batch, int step) {
    public static final String BF16 = "bfloat16";
    public static final String FP8 = "fp8";

    public DecodePoint {
        if (!kvDtype.equals(BF16) && !kvDtype.equals(FP8)) {
            throw new IllegalArgumentException("KV cache " + kvDtype + ": bfloat16 or fp8");
        }
    }

    public int kvBytesPerElement() {
        return kvDtype.equals(FP8) ? 1 : 2;
    }

    /** K and V bytes the step reads: every cached token and the new one. */
    public double kvBytes() {
        return 2.0 * batch * (step + 1.0) * heads.kvHeads() * heads.headDim() * kvBytesPerElement();
    }
}
