package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/**
 * How an engine builds each step. The three engines differ in what they run first, how they cut
 * prompts, how they guard the KV cache and what they do when it runs out; the policies in this
 * package ({@link VllmPolicy}, {@link SglangPolicy}, {@link TrtllmPolicy}) document each difference
 * with its source. The defaults below are the engines' own.
 */
public enum SchedulerProfile {
    /**
     * vLLM V1: one token budget shared by decodes and prefill chunks, running requests first,
     * chunked prefill always on, preemption by recompute of the newest request.
     * Block size 16 (vllm/config/cache.py, CacheConfig.block_size default); prefix caching on by
     * default in V1 (vllm/engine/arg_utils.py, _set_default_args_v1). Async scheduling (step n+1
     * scheduled while step n runs) on by default since v0.12 (vllm-project/vllm PR #27614).
     */
    VLLM(16, true, true, 0, true),
    /**
     * SGLang: prefill-priority (a prefill batch runs whenever one can be formed; decodes wait),
     * chunked prefill of {@code chunked_prefill_size}, admission against a new-token-ratio estimate,
     * retraction when decode runs out of KV. Page size 1 (server_args.py page_size default); radix
     * cache on by default; max_prefill_tokens 16384 (server_args.py). Overlap schedule on by default
     * (server_args.py disable_overlap_schedule=False; scheduler.py event_loop_overlap).
     */
    SGLANG(1, true, true, 16384, true),
    /**
     * TensorRT-LLM: in-flight batching of context and generation requests within max_num_tokens,
     * GUARANTEED_NO_EVICT capacity scheduling (the default policy: a request is admitted only when KV
     * for its whole length can be reserved, so nothing is ever preempted), context chunking off by
     * default (LLM API enable_chunked_prefill=False). tokens_per_block 32 (KvCacheConfig default);
     * block reuse (prefix caching) on by default (KvCacheConfig.enable_block_reuse=True). Overlap
     * scheduler on by default (disable_overlap_scheduler=False; docs features/overlap-scheduler:
     * "introduces one extra decoding step").
     */
    TRTLLM(32, false, true, 0, true);

    private final int defaultBlockTokens;
    private final boolean defaultChunkedPrefill;
    private final boolean defaultPrefixCaching;
    private final int defaultMaxPrefillTokens;
    private final boolean defaultOverlapScheduling;

    SchedulerProfile(int defaultBlockTokens, boolean defaultChunkedPrefill, boolean defaultPrefixCaching,
                     int defaultMaxPrefillTokens, boolean defaultOverlapScheduling) {
        this.defaultOverlapScheduling = defaultOverlapScheduling;
        this.defaultBlockTokens = defaultBlockTokens;
        this.defaultChunkedPrefill = defaultChunkedPrefill;
        this.defaultPrefixCaching = defaultPrefixCaching;
        this.defaultMaxPrefillTokens = defaultMaxPrefillTokens;
    }

    /** KV block (page) size in tokens. */
    public int defaultBlockTokens() {
        return defaultBlockTokens;
    }

    public boolean defaultChunkedPrefill() {
        return defaultChunkedPrefill;
    }

    public boolean defaultPrefixCaching() {
        return defaultPrefixCaching;
    }

    /**
     * Cap on prompt tokens of one prefill batch besides the chunk size (SGLang
     * --max-prefill-tokens); 0 when the engine has no such cap.
     */
    public int defaultMaxPrefillTokens() {
        return defaultMaxPrefillTokens;
    }

    /** Whether the engine schedules the next step while the current one runs, by default. */
    public boolean defaultOverlapScheduling() {
        return defaultOverlapScheduling;
    }

    /** The profile of an engine id: vllm, sglang, trtllm (also tensorrt-llm, trt-llm). */
    public static SchedulerProfile of(String engine) {
        String key = engine.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (key) {
            case "vllm":
                return VLLM;
            case "sglang":
                return SGLANG;
            case "trtllm":
            case "tensorrtllm":
                return TRTLLM;
            default:
                throw new UserInputException("unknown serving engine '" + engine + "'; expected vllm, sglang or trtllm");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh scheduler for one attention-DP rank of an engine with this profile. */
    SchedulerPolicy newPolicy(EngineConfig config) {
        switch (this) {
            case VLLM:
                return new VllmPolicy(config);
            case SGLANG:
                return new SglangPolicy(config);
            case TRTLLM:
                return new TrtllmPolicy(config);
            default:
                throw new IllegalStateException("unhandled profile " + this);
        }
    }
}
