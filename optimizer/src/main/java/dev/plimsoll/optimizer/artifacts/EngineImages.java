package dev.plimsoll.optimizer.artifacts;

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
    /** SGLang's ROCm image (the tag AMD's ROCm SGLang inference docs name). */
    public static final String SGLANG_ROCM = "lmsysorg/sglang:v0.4.5-rocm630";
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
                return amd(gpu) ? SGLANG_ROCM : SGLANG;
            case "trtllm":
                if (amd(gpu)) {
                    throw new IllegalArgumentException("TensorRT-LLM runs on NVIDIA GPUs only, not on " + gpu.id());
                }
                return TRTLLM;
            default:
                throw new IllegalArgumentException("no image for engine " + engine);
        }
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
