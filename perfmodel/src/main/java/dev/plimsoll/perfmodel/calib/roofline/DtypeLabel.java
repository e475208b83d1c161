package dev.plimsoll.perfmodel.calib.roofline;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;

import java.util.Locale;

/**
 * What a table's dtype label (gemm_dtype, moe_dtype, attn_dtype, kv_cache_dtype, collective
 * dtypes) means for the roofline: the tensor-core type and the bytes of weights and activations.
 *
 * @param compute         tensor-core type the kernel runs in
 * @param weightBytes     bytes per weight element, scales included
 * @param activationBytes bytes per input activation element
 */
public record DtypeLabel(ComputeDtype compute, double weightBytes, double activationBytes) {
    static final DtypeLabel BF16 = new DtypeLabel(ComputeDtype.BF16, 2.0, 2.0);

    /**
     * Labels seen in the tables: bfloat16, float16/half, fp8, fp8_block, int8, nvfp4, mxfp4,
     * int4_wo, fp8_wo, w4a16_mxfp4, w4a8_*; anything else reads as bf16 so that a new profiler
     * label never stops calibration.
     */
    public static DtypeLabel of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "fp8":
            case "fp8_block":
            case "fp8_e4m3":
                return new DtypeLabel(ComputeDtype.FP8, 1.0, 1.0);
            case "int8":
            case "w8a8":
                return new DtypeLabel(ComputeDtype.INT8, 1.0, 1.0);
            case "nvfp4":
                return new DtypeLabel(ComputeDtype.FP4, NumberFormat.NVFP4.bytesPerElement(),
                        NumberFormat.NVFP4.bytesPerElement());
            case "mxfp4":
                return new DtypeLabel(ComputeDtype.FP4, NumberFormat.MXFP4.bytesPerElement(),
                        NumberFormat.MXFP4.bytesPerElement());
            case "fp8_wo":
                return new DtypeLabel(ComputeDtype.BF16, 1.0, 2.0);
            case "int4_wo":
                return new DtypeLabel(ComputeDtype.BF16, NumberFormat.INT4.bytesPerElement(), 2.0);
            case "float32":
            case "float":
            case "fp32":
                return new DtypeLabel(ComputeDtype.BF16, 4.0, 4.0);
            default:
                break;
        }
        if (l.startsWith("w4a16") || l.endsWith("_wo")) {
            return new DtypeLabel(ComputeDtype.BF16, l.contains("mxfp4") ? NumberFormat.MXFP4.bytesPerElement()
                    : NumberFormat.INT4.bytesPerElement(), 2.0);
        }
        if (l.startsWith("w4a8")) {
            return new DtypeLabel(ComputeDtype.FP8, NumberFormat.INT4.bytesPerElement(), 1.0);
        }
        return BF16;
    }

    /** Bytes per element of a KV-cache or collective dtype label. */
    public static double elementBytes(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.startsWith("fp8") || l.equals("int8") || l.equals("uint8")) {
            return 1.0;
        }
        if (l.equals("float32") || l.equals("float") || l.equals("fp32")) {
            return 4.0;
        }
        return 2.0;
    }
}
