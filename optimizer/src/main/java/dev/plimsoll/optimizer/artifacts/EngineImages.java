package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;

/**
 * Container images and Kubernetes GPU resources per engine and GPU vendor. Images are defaults to
 * be pinned by the user; every tag below is one its publisher documents.
 */
public final class EngineImages {
    /** The official vLLM image (docker.io/vllm/vllm-openai, vLLM docs "Using Docker"). */
    public static final String VLLM = "vllm/vllm-openai:v0.11.0";
    /** AMD's vLLM build for Instinct GPUs (docker.io/rocm/vllm, tag of ROCm 7.0 with vLLM 0.11.2). */
    public static final String VLLM_ROCM = "rocm/vllm:rocm7.0.0_vllm_0.11.2_20251210";
    /** The official SGLang image (docker.io/lmsysorg/sglang). */
    public static final String SGLANG = "lmsysorg/sglang:latest";
    /**
     * SGLang's ROCm images, one per Instinct generation: tags name the SGLang release, the ROCm
     * release and the GPU family, {@code vX.Y.Z-rocm700-mi30x} for MI300X / MI325X (CDNA 3) and
     * {@code -mi35x} for MI350X / MI355X (CDNA 4). Both tags below are images a public benchmark ran:
     * SemiAnalysis InferenceX's AMD configurations (.github/configs/amd-master.yaml, commit 51e31df,
     * 2026-04-06) launch {@code lmsysorg/sglang:v0.5.9-rocm700-mi30x} and {@code v0.5.9-rocm700-mi35x};
     * SGLang's docs use the same form (docs.sglang.io/diffusion/installation.html, "Platform-Specific:
     * ROCm"). The former default,
     * {@code v0.4.5-rocm630}, is the oldest row of AMD's SGLang version history.
     */
    public static final String SGLANG_ROCM_MI30X = "lmsysorg/sglang:v0.5.9-rocm700-mi30x";
    public static final String SGLANG_ROCM_MI35X = "lmsysorg/sglang:v0.5.9-rocm700-mi35x";
    /** NVIDIA's TensorRT-LLM release container on NGC (TensorRT-LLM docs, "Run benchmarking with trtllm-serve"). */
    public static final String TRTLLM = "nvcr.io/nvidia/tensorrt-llm/release:1.0.0";
    /** NVIDIA Dynamo runtime images on NGC (nvcr.io/nvidia/ai-dynamo), release 0.8.1. */
    public static final String DYNAMO_VLLM = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.1";
    public static final String DYNAMO_SGLANG = "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.1";
    public static final String DYNAMO_TRTLLM = "nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:0.8.1";

    /** The NVIDIA device plugin's resource (k8s-device-plugin). */
    public static final String NVIDIA_GPU = "nvidia.com/gpu";
    /** The AMD GPU device plugin's resource (ROCm k8s-device-plugin). */
    public static final String AMD_GPU = "amd.com/gpu";

    private EngineImages() {
    }

    public static boolean amd(GpuSpec gpu) {
        return "amd".equalsIgnoreCase(gpu.vendor());
    }

    /** The engine's own server image for the GPU's vendor. */
    public static String server(String engine, GpuSpec gpu) {
        switch (engine) {
            case "vllm":
                return amd(gpu) ? VLLM_ROCM : VLLM;
            case "sglang":
                return amd(gpu) ? sglangRocm(gpu) : SGLANG;
            case "trtllm":
                if (amd(gpu)) {
                    throw new IllegalArgumentException("TensorRT-LLM runs on NVIDIA GPUs only, not on " + gpu.id());
                }
                return TRTLLM;
            default:
                throw new IllegalArgumentException("no image for engine " + engine);
        }
    }

    /**
     * SGLang's ROCm image for the GPU's Instinct generation: CDNA 4 (MI350X, MI355X: the first with
     * FP4 tensor cores) gets the {@code mi35x} build, CDNA 3 (MI300X, MI325X) the {@code mi30x} one.
     */
    static String sglangRocm(GpuSpec gpu) {
        return gpu.supports(ComputeDtype.FP4) ? SGLANG_ROCM_MI35X
                : SGLANG_ROCM_MI30X;
    }

    /** The Dynamo runtime image of an engine (Dynamo's images are NVIDIA only). */
    public static String dynamo(String engine) {
        switch (engine) {
            case "vllm":
                return DYNAMO_VLLM;
            case "sglang":
                return DYNAMO_SGLANG;
            case "trtllm":
                return DYNAMO_TRTLLM;
            default:
                throw new IllegalArgumentException("no Dynamo image for engine " + engine);
        }
    }

    /** The Kubernetes extended resource a pod requests its GPUs as. */
    public static String gpuResource(GpuSpec gpu) {
        return amd(gpu) ? AMD_GPU : NVIDIA_GPU;
    }
}
