package dev.plimsoll.perfmodel.specs;

import java.util.Locale;

/** Tensor-core input type of a matrix multiply; each has its own peak in {@link GpuSpec}. */
public enum ComputeDtype {
    /** bf16 and fp16 share the same tensor-core peak on every GPU in the specs. */
    BF16,
    FP8,
    FP4,
    INT8;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComputeDtype fromKey(String key) {
        for (ComputeDtype d : values()) {
            if (d.key().equalsIgnoreCase(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown compute dtype '" + key + "' (bf16, fp8, fp4, int8)");
    }
}
