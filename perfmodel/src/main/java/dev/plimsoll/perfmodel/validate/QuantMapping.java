package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.Locale;

/**
 * Turns a deployment's gemm / moe quantisation labels into a {@link QuantScheme}. An empty label
 * keeps the checkpoint's own format. Labels a GPU cannot run natively (nvfp4 on Hopper) stay in
 * the scheme: the resolver then runs them weight-only, dequantised to bf16, which is what the
 * engines execute.
 */
final class QuantMapping {
    private QuantMapping() {
    }

    static QuantScheme scheme(ModelSpec model, String gemmLabel, String moeLabel) {
        QuantScheme base = model.defaultQuant();
        if (gemmLabel.isEmpty() && moeLabel.isEmpty()) {
            return base;
        }
        NumberFormat linear = gemmLabel.isEmpty() ? base.linearWeights() : format(gemmLabel);
        NumberFormat experts = moeLabel.isEmpty() ? base.expertWeights() : format(moeLabel);
        // an engine serving a block-scaled fp8 checkpoint runs its block scales, whatever the label
        // says (MiniMax-M2.5 and Qwen3-235B-A22B-FP8 ship weight_block_size [128, 128])
        boolean sameAsCheckpoint = linear == base.linearWeights() && experts == base.expertWeights();
        boolean block = gemmLabel.toLowerCase(Locale.ROOT).contains("block")
                || moeLabel.toLowerCase(Locale.ROOT).contains("block") || (sameAsCheckpoint && base.blockScaled());
        ComputeDtype activations = activations(gemmLabel.isEmpty() ? moeLabel : gemmLabel);
        return new QuantScheme(gemmLabel + "/" + moeLabel, linear, experts, block, activations, base.kvCache());
    }

    static NumberFormat format(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.startsWith("fp8")) {
            return NumberFormat.FP8;
        }
        if (l.startsWith("nvfp4") || l.equals("fp4")) {
            return NumberFormat.NVFP4;
        }
        if (l.startsWith("mxfp4")) {
            return NumberFormat.MXFP4;
        }
        if (l.startsWith("int8")) {
            return NumberFormat.INT8;
        }
        if (l.startsWith("int4") || l.startsWith("w4a")) {
            return NumberFormat.INT4;
        }
        if (l.equals("float16") || l.equals("fp16")) {
            return NumberFormat.FP16;
        }
        return NumberFormat.BF16;
    }

    static ComputeDtype activations(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.startsWith("fp8") || l.startsWith("w4a8")) {
            return ComputeDtype.FP8;
        }
        if (l.startsWith("nvfp4") || l.startsWith("mxfp4") || l.equals("fp4")) {
            return ComputeDtype.FP4;
        }
        if (l.startsWith("int8")) {
            return ComputeDtype.INT8;
        }
        return ComputeDtype.BF16;
    }
}
