package dev.plimsoll.perfmodel.specs;

/**
 * Decides what a GPU really executes for a stored quantisation. A GPU without the tensor-core type
 * the activations would be quantised to runs the weights through a weight-only kernel that
 * dequantises to bf16 (Marlin / Machete in vLLM, the path vLLM takes for MXFP4 and NVFP4 on
 * Hopper and for FP8 on Ampere), so the weight bytes stay small and the math runs in bf16.
 */
public final class QuantResolver {
    private QuantResolver() {
    }

    public static ResolvedQuant resolve(QuantScheme scheme, GpuSpec gpu) {
        StringBuilder note = new StringBuilder();
        Precision linear = precision(scheme.linearWeights(), scheme, gpu, note);
        Precision experts = precision(scheme.expertWeights(), scheme, gpu, note);
        NumberFormat kv = scheme.kvCache();
        return new ResolvedQuant(scheme, linear, experts, kv, note.toString());
    }

    private static Precision precision(NumberFormat weights, QuantScheme scheme, GpuSpec gpu, StringBuilder note) {
        if (weights == NumberFormat.BF16 || weights == NumberFormat.FP16 || weights == NumberFormat.FP32) {
            return Precision.BF16;
        }
        ComputeDtype wanted = scheme.activations();
        if (wanted == ComputeDtype.FP4 && !weights.isFourBit()) {
            wanted = ComputeDtype.FP8;
        }
        if (wanted != ComputeDtype.BF16 && gpu.supports(wanted)) {
            return new Precision(weights, wanted, scheme.blockScaled() && wanted == ComputeDtype.FP8);
        }
        if (wanted != ComputeDtype.BF16 && note.indexOf(weights.key()) < 0) {
            if (note.length() > 0) {
                note.append("; ");
            }
            note.append(gpu.id()).append(" has no ").append(wanted.key()).append(" tensor cores: ")
                    .append(weights.key()).append(" weights run weight-only, dequantised to bf16");
        }
        return new Precision(weights, ComputeDtype.BF16, false);
    }
}
