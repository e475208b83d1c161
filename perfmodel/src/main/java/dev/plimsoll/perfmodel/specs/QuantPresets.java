package dev.plimsoll.perfmodel.specs;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.List;
import java.util.Locale;

/**
 * Named quantisation presets, as the CLI's {@code --quant} and a model YAML's
 * {@code default_quant} spell them. A preset applies to linear and expert weights alike; the
 * KV-cache storage is a separate choice ({@link #kvCache(String)}, {@link QuantScheme#withKvCache}).
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>name</th><th>weights</th><th>activations</th><th>meaning</th></tr>
 *   <tr><td>bf16</td><td>bf16</td><td>bf16</td><td>unquantised</td></tr>
 *   <tr><td>fp16</td><td>fp16</td><td>bf16 peak</td><td>unquantised, fp16 storage</td></tr>
 *   <tr><td>fp8</td><td>fp8</td><td>fp8</td><td>per-tensor / per-channel scales</td></tr>
 *   <tr><td>fp8-block</td><td>fp8</td><td>fp8</td><td>128x128 block scales (DeepSeek-V3)</td></tr>
 *   <tr><td>int8</td><td>int8</td><td>int8</td><td>W8A8 (SmoothQuant)</td></tr>
 *   <tr><td>int4</td><td>int4</td><td>bf16</td><td>weight-only (AWQ / GPTQ, group 128)</td></tr>
 *   <tr><td>nvfp4</td><td>nvfp4</td><td>fp4</td><td>NVIDIA FP4, 16-element groups</td></tr>
 *   <tr><td>mxfp4</td><td>mxfp4</td><td>fp4</td><td>OCP MX FP4, 32-element groups</td></tr>
 *   <tr><td>w4a8</td><td>int4</td><td>fp8</td><td>INT4 weights, FP8 activations (TRT-LLM W4A8 AWQ)</td></tr>
 * </table>
 */
public final class QuantPresets {
    /** Every preset name, in the order messages list them. */
    public static final List<String> NAMES =
            List.of("bf16", "fp16", "fp8", "fp8-block", "int8", "int4", "nvfp4", "mxfp4", "w4a8");

    /** Accepted KV-cache storage names. */
    public static final List<String> KV_CACHE_NAMES = List.of("bf16", "fp16", "fp8");

    private QuantPresets() {
    }

    /** The preset named {@code name}, case-insensitive; KV cache in the weights' 16-bit type. */
    public static QuantScheme get(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "bf16": return uniform(n, NumberFormat.BF16, false, ComputeDtype.BF16);
            case "fp16": return new QuantScheme(n, NumberFormat.FP16, NumberFormat.FP16, false, ComputeDtype.BF16,
                    NumberFormat.FP16);
            case "fp8": return uniform(n, NumberFormat.FP8, false, ComputeDtype.FP8);
            case "fp8-block": return uniform(n, NumberFormat.FP8, true, ComputeDtype.FP8);
            case "int8": return uniform(n, NumberFormat.INT8, false, ComputeDtype.INT8);
            case "int4": return uniform(n, NumberFormat.INT4, false, ComputeDtype.BF16);
            case "nvfp4": return uniform(n, NumberFormat.NVFP4, false, ComputeDtype.FP4);
            case "mxfp4": return uniform(n, NumberFormat.MXFP4, false, ComputeDtype.FP4);
            case "w4a8": return uniform(n, NumberFormat.INT4, false, ComputeDtype.FP8);
            default:
                throw new UserInputException("unknown quantisation '" + name + "'; valid: " + String.join(", ", NAMES));
        }
    }

    /** The preset with the KV cache stored as {@code kvCache} ({@code bf16}, {@code fp16} or {@code fp8}). */
    public static QuantScheme get(String name, String kvCache) {
        return get(name).withKvCache(kvCache(kvCache));
    }

    /** A KV-cache storage name as a format. */
    public static NumberFormat kvCache(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "bf16": case "bfloat16": return NumberFormat.BF16;
            case "fp16": case "float16": return NumberFormat.FP16;
            case "fp8": case "fp8_e4m3": return NumberFormat.FP8;
            default:
                throw new UserInputException("unknown KV-cache type '" + name + "'; valid: "
                        + String.join(", ", KV_CACHE_NAMES));
        }
    }

    /**
     * Restricts a scheme to part of the weights; the other part stays bf16. The name gains the
     * scope ({@code mxfp4-experts}) unless the scope is {@link QuantScope#ALL}.
     */
    public static QuantScheme scoped(QuantScheme scheme, QuantScope scope) {
        switch (scope) {
            case EXPERTS:
                return new QuantScheme(scheme.name() + "-experts", NumberFormat.BF16, scheme.expertWeights(),
                        scheme.blockScaled(), scheme.activations(), scheme.kvCache());
            case LINEAR:
                return new QuantScheme(scheme.name() + "-linear", scheme.linearWeights(), NumberFormat.BF16,
                        scheme.blockScaled(), scheme.activations(), scheme.kvCache());
            default:
                return scheme;
        }
    }

    private static QuantScheme uniform(String name, NumberFormat weights, boolean blockScaled, ComputeDtype act) {
        return new QuantScheme(name, weights, weights, blockScaled, act, NumberFormat.BF16);
    }
}
