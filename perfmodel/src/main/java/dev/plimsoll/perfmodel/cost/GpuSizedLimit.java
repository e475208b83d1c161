package dev.plimsoll.perfmodel.cost;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A launch limit an engine picks from the GPU it starts on when the flag is left out, resolved by
 * {@link BackendProfile#on}: SGLang's chunked-prefill size and CUDA-graph batch by memory class and
 * TP ({@link SglangServerDefaults}), vLLM's token budget and running cap by memory and device name
 * ({@link VllmServerDefaults}). A limit the user or a launch sets is fixed and never resolved.
 */
public enum GpuSizedLimit {
    /** SGLang --chunked-prefill-size, vLLM --max-num-batched-tokens. */
    STEP_TOKENS("step_tokens"),
    /** vLLM --max-num-seqs. */
    RUNNING_REQUESTS("running_requests"),
    /** SGLang --cuda-graph-max-bs. */
    CUDA_GRAPH_BATCH("cuda_graph_batch");

    private final String key;

    GpuSizedLimit(String key) {
        this.key = key;
    }

    /** The name backend YAML files use ({@code sized_by_gpu: [step_tokens, ...]}). */
    public String key() {
        return key;
    }

    /** The limit a YAML name stands for; the message lists the valid names. */
    public static GpuSizedLimit fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (GpuSizedLimit l : values()) {
            if (l.key.equals(k)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown GPU-sized limit '" + key + "'; valid: "
                + Arrays.stream(values()).map(GpuSizedLimit::key).collect(Collectors.joining(", ")));
    }
}
