package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.Locale;

/**
 * vLLM's batch limits when {@code vllm serve} is started without them
 * ({@code EngineArgs.get_batch_defaults}, vllm/engine/arg_utils.py, usage context OPENAI_API_SERVER):
 * on a device of at least 70 GiB whose name does not contain "a100" ("Setting large
 * max_num_batched_tokens for A100 reduces throughput", PR #17885), 8192 batched tokens and 1024
 * sequences; on every other device 2048 and 256.
 */
public final class VllmServerDefaults {
    private static final long GIB = 1L << 30;
    /** get_batch_defaults: {@code device_memory >= 70 * GiB_bytes}. */
    static final long LARGE_DEVICE_BYTES = 70 * GIB;
    public static final int LARGE_BATCHED_TOKENS = 8192;
    public static final int LARGE_MAX_NUM_SEQS = 1024;
    static final int SMALL_BATCHED_TOKENS = 2048;
    static final int SMALL_MAX_NUM_SEQS = 256;

    private VllmServerDefaults() {
    }

    /** --max-num-batched-tokens left out. */
    public static int maxNumBatchedTokens(GpuSpec gpu) {
        return large(gpu) ? LARGE_BATCHED_TOKENS : SMALL_BATCHED_TOKENS;
    }

    /** --max-num-seqs left out. */
    public static int maxNumSeqs(GpuSpec gpu) {
        return large(gpu) ? LARGE_MAX_NUM_SEQS : SMALL_MAX_NUM_SEQS;
    }

    private static boolean large(GpuSpec gpu) {
        return gpu.memoryBytes() >= LARGE_DEVICE_BYTES && !gpu.name().toLowerCase(Locale.ROOT).contains("a100");
    }
}
