package dev.plimsoll.perfmodel.validate;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name InferenceX gives a benchmark of one of its configurations: {@code
 * <model-prefix>_<runner>_<framework>_<precision>_<mode>_...} (for example {@code
 * dsr1_h200_sglang_fp8_agg_1024x1024_c4_cfg81}). The parts are fields of that configuration in
 * SemiAnalysisAI/InferenceX {@code .github/configs/nvidia-master.yaml} (commit 51e31df):
 * {@code model-prefix} (dsr1, glm5, gptoss, kimik2.5, minimaxm2.5, qwen3.5; a dot becomes an
 * underscore in the name), {@code runner} (h100, h200, b200, b300, gb200, gb300) and {@code framework}.
 * A row so named was measured by InferenceX's client with the flags of that configuration's
 * script, whatever repository the row's model column names: InferenceX serves
 * {@code deepseek-ai/DeepSeek-R1-0528} under the prefix {@code dsr1}, a checkpoint of the
 * DeepSeek-V3 architecture.
 */
final class InferenceXRowName {
    /** model-prefix (as it appears in a name) to the repository its configurations serve (nvidia-master.yaml model). */
    private static final Map<String, String> MODELS = Map.of(
            "dsr1", "deepseek-ai/DeepSeek-R1",
            "glm5", "zhipuai/GLM-5",
            "gptoss", "openai/gpt-oss-120b",
            "kimik2_5", "moonshotai/Kimi-K2.5",
            "minimaxm2_5", "MiniMaxAI/MiniMax-M2.5",
            "qwen3_5", "Qwen/Qwen3.5-397B-A17B");
    private static final Pattern NAME = Pattern.compile(
            "^(dsr1|glm5|gptoss|kimik2_5|minimaxm2_5|qwen3_5)_(h100|h200|b200|b300|gb200|gb300)_(sglang|vllm|trtllm|trt)_.*");

    private InferenceXRowName() {
    }

    /** Whether {@code id} is an InferenceX configuration's benchmark name. */
    static boolean matches(String id) {
        return NAME.matcher(id).matches();
    }

    /**
     * The model-prefix of the InferenceX configurations that serve a row's model ({@code dsr1},
     * {@code qwen3.5}): from its name where it is one, else the prefix whose repository has the row's
     * base architecture (ModelResolver.bundledId: {@code deepseek-ai/DeepSeek-R1-0528} is {@code dsr1}).
     */
    static Optional<String> modelPrefix(MeasuredDeployment row) {
        Matcher m = NAME.matcher(row.id());
        if (m.matches()) {
            return Optional.of(m.group(1).replace('_', '.'));
        }
        String architecture = ModelResolver.bundledId(row.modelPath());
        return MODELS.entrySet().stream()
                .filter(e -> ModelResolver.bundledId(e.getValue()).equalsIgnoreCase(architecture))
                .map(e -> e.getKey().replace('_', '.')).findFirst();
    }

    /** The repository the named configuration serves, when {@code id} is such a name. */
    static Optional<String> modelPath(String id) {
        Matcher m = NAME.matcher(id);
        return m.matches() ? Optional.of(MODELS.get(m.group(1))) : Optional.empty();
    }
}
