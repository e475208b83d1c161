package dev.plimsoll.profiler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an engine runs a linear layer with fp8 weights (one scale per tensor in the checkpoint) and
 * bf16 activations, as gemm_bench.cu reproduces it: the activation quantisation is part of the
 * timed call, as it is part of the engine's layer (and of the reference tables' rows).
 */
public enum Fp8Recipe {
    /**
     * vLLM: a dynamic per-tensor activation scale (a zeroed scale, an absmax kernel, a
     * scale-and-cast kernel), then a per-tensor-scaled GEMM (CutlassFP8ScaledMMLinearKernel).
     */
    VLLM("fp8", "cublasLt_dynamic_quant"),
    /**
     * SGLang: one fused per-token quantisation kernel (sgl_kernel.sgl_per_token_quant_fp8) and a GEMM
     * scaled per token and per output channel (sgl_kernel.fp8_scaled_mm, CUTLASS with the scales in
     * its epilogue), as AIConfigurator's SGLang collector times it (collector/sglang/collect_gemm.py).
     * The GEMM is the fastest of cuBLASLt's outer-vector-scaled candidates and, standing in for a
     * scale epilogue that costs next to nothing, its per-tensor-scaled ones (its outer-vector kernels
     * are the slower at few tokens).
     */
    SGLANG("fp8_rowwise", "cublasLt_per_token_rowwise"),
    /**
     * TensorRT-LLM: FP8QDQLinearMethod without a static input scale
     * (tensorrt_llm/_torch/modules/linear.py) runs quantize_e4m3_per_tensor (a zeroed scale, an
     * absmax kernel on a fixed 1024 x 1024-thread grid, a vectorised cast:
     * cpp/tensorrt_llm/common/cudaFp8Utils.cu) and then cublas_scaled_mm.
     */
    TRTLLM("fp8_trtllm", "cublasLt_trtllm_dynamic_quant");

    private final String benchName;
    private final String kernelSource;

    Fp8Recipe(String benchName, String kernelSource) {
        this.benchName = benchName;
        this.kernelSource = kernelSource;
    }

    /** The GEMM type gemm_bench.cu runs for this recipe. */
    public String benchName() {
        return benchName;
    }

    /** What the tables' kernel_source column records for rows measured this way. */
    public String kernelSource() {
        return kernelSource;
    }

    /** The recipe of an engine name; vLLM's for any engine without one of its own. */
    public static Fp8Recipe forBackend(String backend) {
        return switch (backend.toLowerCase(Locale.ROOT)) {
            case "sglang" -> SGLANG;
            case "trtllm" -> TRTLLM;
            default -> VLLM;
        };
    }

    /** The distinct recipes of these engines, in their order. */
    public static List<Fp8Recipe> forBackends(List<String> backends) {
        List<Fp8Recipe> out = new ArrayList<>();
        for (String b : backends) {
            Fp8Recipe r = forBackend(b);
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            out.add(VLLM);
        }
        return List.copyOf(out);
    }
}
