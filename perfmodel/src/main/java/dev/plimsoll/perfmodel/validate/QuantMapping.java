package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.sim.SchedulerProfile;
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
 *
 * <p>The KV cache keeps the checkpoint's format, except where TensorRT-LLM serves a per-tensor FP8
 * or NVFP4 checkpoint of a model published in another format: such a checkpoint is a ModelOpt export
 * (the FP8 checkpoints whose quantisation files ship with the measurements,
 * {@code Qwen--Qwen3-32B-FP8-Static-PerTensor} and {@code nvidia--Llama-3.1-70B-Instruct-FP8},
 * both say {@code quant_algo: FP8, kv_cache_quant_algo: FP8}), and TensorRT-LLM, launched with
 * {@code kv_cache_dtype: auto} (AIConfigurator's extra_engine_args templates), stores the KV cache
 * in the checkpoint's {@code kv_cache_quant_algo}. vLLM's and SGLang's {@code auto} is the model's
 * activation dtype whatever the checkpoint says, so their KV cache stays bf16.
 */
final class QuantMapping {
    private QuantMapping() {
    }

    static QuantScheme scheme(ModelSpec model, String gemmLabel, String moeLabel, SchedulerProfile engine) {
        QuantScheme scheme = scheme(model, gemmLabel, moeLabel);
        QuantScheme checkpoint = model.defaultQuant();
        if (engine != SchedulerProfile.TRTLLM) {
            // vLLM's and SGLang's kv-cache-dtype auto is the model's activation dtype
            return scheme.kvCache().bitsPerElement() <= 8 ? scheme.withKvCache(NumberFormat.BF16) : scheme;
        }
        // ModelOpt exports per-tensor FP8 and NVFP4 checkpoints with kv_cache_quant_algo FP8 (the
        // hf_quant_config files shipped with the measurements; nvidia's NVFP4 releases say the same)
        boolean perTensorFp8 = scheme.linearWeights() == NumberFormat.FP8 && !scheme.blockScaled();
        boolean nvfp4 = scheme.linearWeights() == NumberFormat.NVFP4 || scheme.expertWeights() == NumberFormat.NVFP4;
        boolean requantised = scheme.linearWeights() != checkpoint.linearWeights()
                || scheme.expertWeights() != checkpoint.expertWeights();
        boolean modelOptExport = (perTensorFp8 || nvfp4) && (requantised || checkpoint.kvCache() == NumberFormat.FP8);
        return modelOptExport ? scheme.withKvCache(NumberFormat.FP8) : scheme;
    }

    static QuantScheme scheme(ModelSpec model, String gemmLabel, String moeLabel) {
        QuantScheme base = model.defaultQuant();
        if (gemmLabel.isEmpty() && moeLabel.isEmpty()) {
            return base;
        }
        // a checkpoint that already stores 4-bit experts (gpt-oss ships MXFP4) is served as it is:
        // no engine re-quantises it into another 4-bit format, so an "fp4" label names its own
        if (base.expertWeights().isFourBit() && format(moeLabel.isEmpty() ? gemmLabel : moeLabel).isFourBit()) {
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
