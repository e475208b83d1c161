package dev.plimsoll.perfmodel.specs;

import java.util.Locale;

/** Storage format of weights or KV cache, with its effective size including scale factors. */
public enum NumberFormat {
    FP32(32.0),
    BF16(16.0),
    FP16(16.0),
    /** Per-tensor or per-channel scales: negligible overhead. Block-scaled fp8 adds one fp32 per
     * 128x128 block (DeepSeek-V3 config.json weight_block_size), 0.0002 bits per element. */
    FP8(8.0),
    INT8(8.0),
    /** AWQ/GPTQ with group size 128 and one fp16 scale per group (AutoAWQ default q_group_size=128). */
    INT4(4.0 + 16.0 / 128),
    /** One FP8 E4M3 scale per 16 elements (NVIDIA NVFP4, hf_quant_config group_size 16). */
    NVFP4(4.0 + 8.0 / 16),
    /** One E8M0 scale per 32 elements (OCP Microscaling Formats spec v1.0). */
    MXFP4(4.0 + 8.0 / 32);

    private final double bitsPerElement;

    NumberFormat(double bitsPerElement) {
        this.bitsPerElement = bitsPerElement;
    }

    public double bitsPerElement() {
        return bitsPerElement;
    }

    public double bytesPerElement() {
        return bitsPerElement / 8.0;
    }

    public boolean isFourBit() {
        return this == INT4 || this == NVFP4 || this == MXFP4;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NumberFormat fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "bfloat16": return BF16;
            case "float16": case "half": return FP16;
            case "float32": return FP32;
            case "fp8_e4m3": case "e4m3": case "fp8_block": return FP8;
            default: break;
        }
        for (NumberFormat f : values()) {
            if (f.key().equals(k)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown number format '" + key + "'");
    }
}
