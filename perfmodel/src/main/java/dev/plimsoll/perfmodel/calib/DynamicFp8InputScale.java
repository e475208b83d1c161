package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.NumberFormat;

/**
 * What TensorRT-LLM's per-tensor FP8 GEMM table timed beyond the GEMM the engine runs.
 *
 * <p>NVIDIA AIConfigurator's TensorRT-LLM collector ({@code collector/trtllm/collect_gemm.py},
 * {@code _build_weights}) loads a per-tensor FP8 {@code Linear} with {@code weight} and
 * {@code weight_scale} only. Without an {@code input_scale}, TensorRT-LLM's
 * {@code FP8QDQLinearMethod.load_weights_vanilla} (tensorrt_llm/_torch/modules/linear.py) sets
 * {@code module.input_scale = None} and {@code apply} quantises the input dynamically,
 * {@code quantize_e4m3_per_tensor}: a {@code cudaMemsetAsync} of the scale, a
 * {@code computeFP8QuantizeScale} grid of 1,024 x 1,024 threads that reduces the input's absolute
 * maximum, then the quantising kernel ({@code invokeComputeScalesAndQuantizeMatrix}, PER_TENSOR,
 * cpp/tensorrt_llm/kernels/quantization.cu). A checkpoint with calibrated input scales (every
 * ModelOpt FP8 export: {@code quant_algo: FP8} stores {@code input_scale} per linear layer, the
 * per-tensor FP8 checkpoints TensorRT-LLM serves, see {@code QuantMapping}) takes the static branch,
 * {@code static_quantize_e4m3_per_tensor}: the quantising kernel alone.
 *
 * <p>The difference is the memset and the reduction: two kernels of the graph (each at the
 * engine's per-kernel cost under graph replay) plus one read of the bf16 input. The shared tables
 * agree: at m <= 8 the intercept of latency against weight bytes is 13.1 / 13.5 us (H100 / H200) for
 * TensorRT-LLM's per-tensor FP8 GEMMs against 9.2 / 9.4 us for its block-FP8 GEMMs, which quantise
 * their input in one kernel ({@code fp8_quantize_1x128}), and 8.8 / 9.1 us for SGLang's per-tensor
 * FP8 GEMMs (one per-token quantising kernel).
 */
final class DynamicFp8InputScale {
    /** The memset of the scale and the amax reduction: {@code invokeComputeScalesAndQuantizeMatrix}. */
    static final int DYNAMIC_ONLY_KERNELS = 2;

    private DynamicFp8InputScale() {
    }

    /** Whether a table of {@code tableBackend} timed the dynamic path for this GEMM. */
    static boolean applies(String tableBackend, OpShape shape) {
        return "trtllm".equals(tableBackend) && shape instanceof OpShape.Gemm g
                && g.precision().weights() == NumberFormat.FP8 && g.precision().compute() == ComputeDtype.FP8
                && !g.precision().blockScaled();
    }

    /**
     * The table's time less the dynamic-only work, never below the time the GEMM's own weight
     * stream takes (the table's other half).
     *
     * @param kernelUs           the engine's cost of one kernel under graph replay
     * @param bandwidthBytesPerS the GPU's memory bandwidth
     */
    static Prediction staticInput(Prediction table, OpShape.Gemm g, double kernelUs, double bandwidthBytesPerS) {
        double amaxReadMs = (double) g.m() * g.k() * NumberFormat.BF16.bytesPerElement() / bandwidthBytesPerS * 1e3;
        double dynamicMs = DYNAMIC_ONLY_KERNELS * kernelUs / 1e3 + amaxReadMs;
        double weightStreamMs = (double) g.n() * g.k() * NumberFormat.FP8.bytesPerElement() / bandwidthBytesPerS * 1e3;
        double ms = Math.max(table.timeMs() - dynamicMs, Math.min(table.timeMs(), weightStreamMs));
        Prediction staticPath = new Prediction(ms, table.provenance(), table.bound(), table.utilisation());
        return g.quantisedInput() ? withoutQuantisingKernel(staticPath, g, kernelUs, bandwidthBytesPerS) : staticPath;
    }

    /**
     * Where the GEMM's input arrives already in FP8 ({@link OpShape.Gemm#quantisedInput()}: an attention
     * op, an activation or a fused all-reduce wrote it so), the static path's quantising kernel does not
     * run either: one kernel of the graph and its read of the bf16 input and write of the FP8 one less.
     */
    static Prediction withoutQuantisingKernel(Prediction staticPath, OpShape.Gemm g, double kernelUs,
                                              double bandwidthBytesPerS) {
        double quantiseBytes = (double) g.m() * g.k()
                * (NumberFormat.BF16.bytesPerElement() + NumberFormat.FP8.bytesPerElement());
        double quantiseMs = kernelUs / 1e3 + quantiseBytes / bandwidthBytesPerS * 1e3;
        double weightStreamMs = (double) g.n() * g.k() * NumberFormat.FP8.bytesPerElement() / bandwidthBytesPerS * 1e3;
        double ms = Math.max(staticPath.timeMs() - quantiseMs, Math.min(staticPath.timeMs(), weightStreamMs));
        return new Prediction(ms, staticPath.provenance(), staticPath.bound(), staticPath.utilisation());
    }
}
