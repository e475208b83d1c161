package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launch artifacts name besides the plan: the model to load and the container images.
 * Images are defaults to be pinned by the user.
 *
 * @param model          Hugging Face repository (or path) the engines load
 * @param name           Kubernetes-safe name stem
 * @param vllmImage      vLLM OpenAI server image
 * @param sglangImage    SGLang server image
 * @param dynamoVllm     NVIDIA Dynamo vLLM runtime image
 * @param dynamoSglang   NVIDIA Dynamo SGLang runtime image
 * @param memoryFraction share of GPU memory the engines may use
 * @param draftModel     EAGLE draft model of speculative decoding (null without speculation)
 */
public record ArtifactOptions(String model, String name, String vllmImage, String sglangImage, String dynamoVllm,
                              String dynamoSglang, double memoryFraction, String draftModel) {
    /** The official vLLM image (docker.io/vllm/vllm-openai). */
    public static final String VLLM_IMAGE = "vllm/vllm-openai:v0.11.0";
    /** The official SGLang image (docker.io/lmsysorg/sglang). */
    public static final String SGLANG_IMAGE = "lmsysorg/sglang:latest";
    /** NVIDIA Dynamo runtime images on NGC (nvcr.io/nvidia/ai-dynamo), release 0.8.1. */
    public static final String DYNAMO_VLLM_IMAGE = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:0.8.1";
    public static final String DYNAMO_SGLANG_IMAGE = "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.8.1";

    private static final Pattern HF = Pattern.compile("huggingface\\.co/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)");

    /** The spec's Hugging Face repository unless {@code override} names one. */
    public static ArtifactOptions of(ModelSpec model, String override) {
        return of(model, override, null);
    }

    /** The spec's Hugging Face repository unless {@code override} names one; {@code draft} for speculation. */
    public static ArtifactOptions of(ModelSpec model, String override, String draft) {
        String repo = override;
        if (repo == null && model.source() != null) {
            Matcher m = HF.matcher(model.source());
            if (m.find()) {
                repo = m.group(1);
            }
        }
        if (repo == null) {
            repo = model.id();
        }
        return new ArtifactOptions(repo, k8sName(model.id()), VLLM_IMAGE, SGLANG_IMAGE, DYNAMO_VLLM_IMAGE,
                DYNAMO_SGLANG_IMAGE, 0.9, draft);
    }

    /** A DNS-1123 label: lower case, digits and '-', at most 40 characters to leave room for suffixes. */
    static String k8sName(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-")
                .replaceAll("^-|-$", "");
        if (n.isEmpty()) {
            n = "model";
        }
        return n.length() > 40 ? n.substring(0, 40).replaceAll("-$", "") : n;
    }
}
