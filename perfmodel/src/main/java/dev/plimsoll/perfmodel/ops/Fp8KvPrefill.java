package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;

import java.util.Set;

/**
 * How SGLang's prefill attention runs over an FP8 KV cache, by the attention backend it picks for
 * the GPU (server_args {@code _get_default_attn_backend}: FA3 on SM90, {@code trtllm_mha} on
 * SM100/103, FlashInfer or Triton elsewhere), and what of it the kernel tables time
 * (NVIDIA AIConfigurator's {@code collector/sglang/collect_attn.py}):
 * <ul>
 *   <li>FA3 casts the queries to the cache's FP8 whenever the cache is FP8 and the head size at most
 *       256, so the prefill computes in FP8 (flashattention_backend.py {@code forward_extend},
 *       v0.5.1 to v0.5.10), and the cache write casts keys and values ({@code set_kv_buffer}). The
 *       collector labels these rows FP8 compute and feeds them queries, keys and values already cast
 *       ({@code q = q.to(kvtype)} before the timed call): the three casts run apart from what the
 *       Hopper tables time.</li>
 *   <li>{@code trtllm_mha} (TensorRT-LLM's kernels through FlashInfer) quantises the queries inside
 *       ({@code forward_extend}: {@code q.to(torch.float8_e4m3fn)}; keys and values in
 *       {@code fused_fp8_set_kv_buffer}); the collector feeds it BF16, so the Blackwell tables' FP8
 *       rows hold the casts.</li>
 *   <li>FlashInfer reads the FP8 cache with BF16 queries ("there is no FP8 prefill compute path"),
 *       and so does Triton, which SGLang picks on SM100 for its hybrid gated-delta-net models
 *       (Qwen3-Next, Qwen3.5: {@code _handle_mamba_radix_cache(..., sm100_default_attention_backend="triton")},
 *       v0.5.9).</li>
 * </ul>
 * Other engines keep BF16 queries here (their tables label FP8-cache prefill that way).
 */
enum Fp8KvPrefill {
    /** BF16 queries over the cache (the tables' bfloat16|fp8 rows). */
    BF16_QUERIES,
    /** FP8 compute; the tables' rows include the casts. */
    FP8_CASTS_TIMED,
    /** FP8 compute; the casts of queries, keys and values run as kernels of their own. */
    FP8_CASTS_APART;

    /** FA3 takes the FP8 path up to this head size ({@code layer.head_dim <= 256}). */
    static final int FA3_FP8_MAX_HEAD_DIM = 256;
    /** The cast of queries, keys and values: three kernels, each reading BF16 and writing FP8. */
    static final int CAST_KERNELS = 3;
    static final double CAST_BYTES_PER_ELEMENT = 3.0;
    private static final String HOPPER = "9.0";
    private static final Set<String> BLACKWELL_DATACENTER = Set.of("10.0", "10.3");

    /** @param gatedDeltaNet the model mixes gated delta-net layers with its attention (Qwen3-Next, Qwen3.5) */
    static Fp8KvPrefill of(String backendId, GpuSpec gpu, int headDim, NumberFormat kvCache, boolean gatedDeltaNet) {
        if (!"sglang".equals(backendId) || kvCache != NumberFormat.FP8) {
            return BF16_QUERIES;
        }
        if (HOPPER.equals(gpu.computeCapability())) {
            return headDim <= FA3_FP8_MAX_HEAD_DIM ? FP8_CASTS_APART : BF16_QUERIES;
        }
        return BLACKWELL_DATACENTER.contains(gpu.computeCapability()) && !gatedDeltaNet ? FP8_CASTS_TIMED
                : BF16_QUERIES;
    }

    boolean fp8Compute() {
        return this != BF16_QUERIES;
    }
}
