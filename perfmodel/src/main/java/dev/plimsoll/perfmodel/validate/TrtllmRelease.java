package dev.plimsoll.perfmodel.validate;

import java.util.Optional;

/**
 * The TensorRT-LLM release a measured row ran, where its version column names another release: the
 * shared files label Dynamo's TensorRT-LLM runtime images by Dynamo's version
 * ({@code nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:0.8.1.post1}, version 0.8.1.post1), except
 * where they name the engine (the runtime:0.8.0 rows, 1.2.0rc6.post1; runtime:0.9.0, 1.3.0rc1), and
 * InferenceX's first results record no version at all (their configuration's image then).
 */
final class TrtllmRelease {
    /** Dynamo's 0.8 runtime images: the shared files' runtime:0.8.0 rows name TensorRT-LLM 1.2.0rc6.post1. */
    static final String DYNAMO_08 = "1.2.0rc6.post1";
    /** Dynamo's 0.9 runtime images: the runtime:0.9.0 rows name 1.3.0rc1 (Dynamo PR #5700, "Upgrade to TensorRT-LLM 1.3.0rc1"). */
    static final String DYNAMO_09 = "1.3.0rc1";

    private TrtllmRelease() {
    }

    /** The release, where known. */
    static Optional<String> of(MeasuredDeployment row, BenchmarkClient client) {
        String v = row.backendVersion();
        if (v.startsWith("1.")) {
            return Optional.of(v);
        }
        if (BenchmarkLaunch.atLeast(v, 0, 8) && !BenchmarkLaunch.atLeast(v, 0, 9)) {
            return Optional.of(DYNAMO_08);
        }
        if (BenchmarkLaunch.atLeast(v, 0, 9) && !BenchmarkLaunch.atLeast(v, 0, 10)) {
            return Optional.of(DYNAMO_09);
        }
        if (v.isEmpty()) {
            return BenchmarkLaunch.script(row, client).flatMap(s -> InferenceXScripts.image(s.file()));
        }
        return Optional.empty();
    }

    /**
     * Whether the release keeps MLA's {@code kv_b_proj} in a block-FP8 checkpoint's format with a MoE
     * backend other than TRTLLM: {@code ModelConfig.load_hf_quant_config} of the 1.1 and 1.2 releases
     * excludes {@code *kv_b_proj*} from FP8_BLOCK_SCALES only for the TRTLLM MoE backend ("TODO: This is
     * a hack. Remove after fp8 bmm is integrated."), while 1.3 excludes it for every backend
     * (model_config.py of 1.3.0rc20, as AIConfigurator's MLA collector reads it).
     */
    static boolean keepsKvBProjInCheckpointFormat(String release) {
        return !BenchmarkLaunch.atLeast(release, 1, 3);
    }
}
