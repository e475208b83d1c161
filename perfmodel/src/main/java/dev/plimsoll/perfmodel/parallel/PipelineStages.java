package dev.plimsoll.perfmodel.parallel;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the serving engines split a model's decoder layers over pipeline stages when the layers do not
 * divide evenly (DeepSeek's 61 layers over 2 or 4 stages):
 * <ul>
 *   <li>vLLM, {@code vllm/distributed/utils.py get_pp_indices}: {@code layers // pp} per stage, and
 *       the {@code layers % pp} left over one each to the stages before the last, from the
 *       second-to-last backwards ({@code partitions[-i] += 1} for i in 2..remaining+1), since the last
 *       stage also runs the final norm, LM head and sampling (61 over 4: 15, 15, 16, 15);
 *       {@code VLLM_PP_LAYER_PARTITION} overrides it;</li>
 *   <li>SGLang keeps vLLM's function ({@code sglang/srt/distributed/utils.py get_pp_indices},
 *       override {@code SGLANG_PP_LAYER_PARTITION});</li>
 *   <li>TensorRT-LLM, {@code tensorrt_llm/mapping.py Mapping.pp_layers}: {@code torch.tensor_split}
 *       of the layer indices, so the first {@code layers % pp} stages take one more (61 over 4: 16,
 *       15, 15, 15); its {@code pp_partition} overrides it.</li>
 * </ul>
 * With an even split every rule gives {@code layers / pp} per stage.
 */
public final class PipelineStages {
    private PipelineStages() {
    }

    /** Decoder layers per stage, first stage first, as the engine {@code backendId} splits them. */
    public static int[] layers(int numLayers, int pp, String backendId) {
        if (pp < 1 || numLayers < pp) {
            throw new IllegalArgumentException(numLayers + " layers cannot fill " + pp + " pipeline stages");
        }
        int[] stages = new int[pp];
        Arrays.fill(stages, numLayers / pp);
        int remaining = numLayers % pp;
        if (isTensorRtLlm(backendId)) {
            for (int i = 0; i < remaining; i++) {
                stages[i]++;
            }
        } else {
            for (int i = 2; i < remaining + 2; i++) {
                stages[pp - i]++;
            }
        }
        return stages;
    }

    /** The vLLM and SGLang split. */
    public static int[] layers(int numLayers, int pp) {
        return layers(numLayers, pp, "vllm");
    }

    /** Index of the first layer of each stage, and one past the last layer as a last entry. */
    public static int[] bounds(int[] stages) {
        int[] b = new int[stages.length + 1];
        for (int i = 0; i < stages.length; i++) {
            b[i + 1] = b[i] + stages[i];
        }
        return b;
    }

    /** Every stage holds as many layers. */
    public static boolean even(int numLayers, int pp) {
        return numLayers % pp == 0;
    }

    /** "31/30 layers per stage (vLLM get_pp_indices)" and the like. */
    public static String describe(int numLayers, int pp, String backendId) {
        int[] s = layers(numLayers, pp, backendId);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : "/").append(s[i]);
        }
        return sb + String.format(Locale.ROOT, " layers per pipeline stage (%s)", isTensorRtLlm(backendId)
                ? "TensorRT-LLM Mapping.pp_layers" : "vLLM and SGLang get_pp_indices");
    }

    private static boolean isTensorRtLlm(String backendId) {
        return backendId != null && backendId.toLowerCase(Locale.ROOT).startsWith("trt");
    }
}
