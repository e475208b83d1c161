package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.kvtier.KvTiers;
import dev.plimsoll.perfmodel.sim.kvtier.WritePolicy;

import java.util.Objects;

/**
 * One engine replica as the simulator sees it. Capacities are per attention-DP rank: each rank
 * schedules its own requests into its own KV pool, and the ranks step together.
 *
 * @param profile            the engine's scheduling behaviour
 * @param kvCapacityTokens   KV-cache tokens one rank holds (from the memory model)
 * @param kvBytesPerToken    KV bytes of one token of one request, all layers of the model (what a
 *                           disaggregated handoff moves)
 * @param blockTokens        KV block (page) size
 * @param maxRunningRequests requests a rank runs at once (vLLM --max-num-seqs, SGLang
 *                           --max-running-requests, TensorRT-LLM max_batch_size)
 * @param maxBatchedTokens   tokens one step of a rank may process (vLLM --max-num-batched-tokens,
 *                           SGLang --chunked-prefill-size, TensorRT-LLM max_num_tokens)
 * @param maxPrefillTokens   SGLang --max-prefill-tokens (prompt tokens of one prefill batch); 0 when
 *                           the engine has no such cap
 * @param chunkedPrefill     long prompts are cut into chunks that fit the token budget
 * @param cudaGraphMaxBatch  largest decode batch replayed from a CUDA graph (SGLang
 *                           --cuda-graph-max-bs, vLLM max_cudagraph_capture_size); bigger decode
 *                           batches run eagerly. The simulator passes it to the step-time model
 *                           through {@link StepTimeModelFactory}.
 * @param prefixCaching      prompt blocks already in the cache are not recomputed (vLLM prefix
 *                           caching, SGLang radix cache, TensorRT-LLM block reuse); off with KV tiers,
 *                           GPU memory keeps no blocks past their request and only the tiers serve
 *                           reuse (vLLM --no-enable-prefix-caching with the offloading connector)
 * @param attentionDpRanks   attention data-parallel ranks of the replica (1 without attention DP)
 * @param speculative        speculative decoding, or {@link SpeculativeDecoding#NONE}
 * @param overlapScheduling  the engine builds step n+1 on the CPU while step n runs on the GPU
 *                           (TensorRT-LLM overlap scheduler, SGLang overlap schedule, vLLM async
 *                           scheduling), so a request that arrives during step n first runs in step
 *                           n+2
 * @param kvTiers            host memory, disk and remote tiers below the GPU's KV cache (Dynamo KVBM,
 *                           SGLang HiCache, LMCache), or {@link KvTiers#NONE}
 * @param recvInterval       SGLang --scheduler-recv-interval: while the engine decodes, its scheduler
 *                           reads arrived requests on every n-th turn only ({@link RequestIntake}); 1
 *                           reads on every turn (the default of every engine)
 * @param contextWaiting     how TensorRT-LLM holds back context requests ({@link ContextWaiting}:
 *                           batch waiting, attention-DP balance); {@link ContextWaiting#NONE} for the
 *                           other engines and by default
 * @param mixedChunk         SGLang --enable-mixed-chunk: a prefill batch carries the running requests'
 *                           decode tokens (off by default, as in SGLang)
 */
public record EngineConfig(SchedulerProfile profile, long kvCapacityTokens, long kvBytesPerToken, int blockTokens,
                           int maxRunningRequests, int maxBatchedTokens, int maxPrefillTokens, boolean chunkedPrefill,
                           int cudaGraphMaxBatch, boolean prefixCaching, int attentionDpRanks,
                           SpeculativeDecoding speculative, boolean overlapScheduling, KvTiers kvTiers,
                           int recvInterval, ContextWaiting contextWaiting, boolean mixedChunk) {
    public EngineConfig {
        Objects.requireNonNull(contextWaiting, "contextWaiting");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(kvTiers, "kvTiers");
        if (kvTiers.enabled() && !prefixCaching && kvTiers.policy() == WritePolicy.WRITE_THROUGH_SELECTIVE) {
            throw new UserInputException("write-through-selective copies a block to host memory when the GPU cache"
                    + " reuses it: it needs prefix caching on (or choose write-through or write-back)");
        }
        if (kvTiers.enabled() && kvBytesPerToken <= 0) {
            throw new UserInputException("KV tiers need the model's KV bytes per token to size them, got "
                    + kvBytesPerToken);
        }
        Objects.requireNonNull(speculative, "speculative");
        if (recvInterval < 1) {
            throw new UserInputException("the scheduler's receive interval must be >= 1 turn, got " + recvInterval);
        }
        if (blockTokens < 1) {
            throw new UserInputException("KV block size must be >= 1 token, got " + blockTokens);
        }
        if (kvCapacityTokens < blockTokens) {
            throw new UserInputException("KV cache of " + kvCapacityTokens + " tokens holds less than one "
                    + blockTokens + "-token block: the model leaves no room for requests");
        }
        if (kvCapacityTokens / blockTokens > Integer.MAX_VALUE) {
            throw new UserInputException("KV cache of " + kvCapacityTokens + " tokens is too large to simulate");
        }
        if (kvBytesPerToken < 0) {
            throw new UserInputException("KV bytes per token must be >= 0, got " + kvBytesPerToken);
        }
        if (maxRunningRequests < 1) {
            throw new UserInputException("max running requests must be >= 1, got " + maxRunningRequests);
        }
        if (maxBatchedTokens < 1) {
            throw new UserInputException("max batched tokens per step must be >= 1, got " + maxBatchedTokens);
        }
        if (chunkedPrefill && maxBatchedTokens < blockTokens) {
            throw new UserInputException("a step budget of " + maxBatchedTokens + " tokens holds no whole "
                    + blockTokens + "-token KV block, so no prompt chunk could be cut");
        }
        if (maxPrefillTokens < 0) {
            throw new UserInputException("max prefill tokens must be >= 0, got " + maxPrefillTokens);
        }
        if (cudaGraphMaxBatch < 0) {
            throw new UserInputException("CUDA graph max batch size must be >= 0, got " + cudaGraphMaxBatch);
        }
        if (attentionDpRanks < 1) {
            throw new UserInputException("attention data-parallel size must be >= 1, got " + attentionDpRanks);
        }
        if (speculative.enabled() && speculative.draftTokens() + 1 > maxBatchedTokens) {
            throw new UserInputException("a speculative step needs " + (speculative.draftTokens() + 1)
                    + " tokens per request but the step budget is " + maxBatchedTokens);
        }
    }

    /** An engine with its KV cache in GPU memory only. */
    public EngineConfig(SchedulerProfile profile, long kvCapacityTokens, long kvBytesPerToken, int blockTokens,
                        int maxRunningRequests, int maxBatchedTokens, int maxPrefillTokens, boolean chunkedPrefill,
                        int cudaGraphMaxBatch, boolean prefixCaching, int attentionDpRanks,
                        SpeculativeDecoding speculative, boolean overlapScheduling) {
        this(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests, maxBatchedTokens,
                maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks, speculative,
                overlapScheduling, KvTiers.NONE, 1, ContextWaiting.NONE, false);
    }

    /**
     * An engine with the profile's own block size, chunking, prefix caching and prefill cap, and
     * the given limits; no attention DP, no speculation.
     */
    public static EngineConfig of(SchedulerProfile profile, long kvCapacityTokens, long kvBytesPerToken,
                                  int maxRunningRequests, int maxBatchedTokens, int cudaGraphMaxBatch) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, profile.defaultBlockTokens(),
                maxRunningRequests, maxBatchedTokens, profile.defaultMaxPrefillTokens(),
                profile.defaultChunkedPrefill(), cudaGraphMaxBatch, profile.defaultPrefixCaching(), 1,
                SpeculativeDecoding.NONE, profile.defaultOverlapScheduling());
    }

    /** An engine with the limits of a backend profile (max_num_seqs, token budget, graph size). */
    public static EngineConfig of(BackendProfile backend, long kvCapacityTokens, long kvBytesPerToken) {
        return of(SchedulerProfile.of(backend.id()), kvCapacityTokens, kvBytesPerToken, backend.maxNumSeqs(),
                backend.maxNumBatchedTokens(), backend.cudaGraphMaxBatch());
    }

    public long totalBlocks() {
        return kvCapacityTokens / blockTokens;
    }

    public EngineConfig withBlockTokens(int tokens) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, tokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withKvCapacityTokens(long tokens) {
        return new EngineConfig(profile, tokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withMaxRunningRequests(int requests) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, requests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withMaxBatchedTokens(int tokens) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                tokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withMaxPrefillTokens(int tokens) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, tokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withChunkedPrefill(boolean on) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, on, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withCudaGraphMaxBatch(int batch) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, batch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withPrefixCaching(boolean on) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, on, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withAttentionDpRanks(int ranks) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, ranks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    /**
     * The largest decode step, in tokens, that replays a captured CUDA graph. TensorRT-LLM's
     * {@code cuda_graph_config.max_batch_size} and SGLang's {@code --cuda-graph-max-bs} count requests,
     * and a speculative engine captures each batch size with every request's verify tokens:
     * TensorRT-LLM's CUDA-graph runner sizes a graph of B requests for B x (max draft length + 1)
     * tokens ({@code token_per_request} in tensorrt_llm/_torch/pyexecutor/cuda_graph_runner.py), SGLang's
     * for B x speculative-num-draft-tokens ({@code num_tokens_per_bs} in its cuda_graph_runner.py).
     * vLLM's capture sizes already count tokens ({@code max_cudagraph_capture_size}), so its limit
     * stays as set.
     */
    public int cudaGraphMaxDecodeTokens() {
        if (profile == SchedulerProfile.VLLM || !speculative.enabled()) {
            return cudaGraphMaxBatch;
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) cudaGraphMaxBatch * (1 + speculative.draftTokens()));
    }

    public EngineConfig withSpeculative(SpeculativeDecoding spec) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                spec, overlapScheduling, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withOverlapScheduling(boolean on) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, on, kvTiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withKvTiers(KvTiers tiers) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, tiers, recvInterval, contextWaiting, mixedChunk);
    }

    public EngineConfig withRecvInterval(int turns) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, turns, contextWaiting, mixedChunk);
    }

    public EngineConfig withContextWaiting(ContextWaiting waiting) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, waiting, mixedChunk);
    }

    public EngineConfig withContextWait(ContextBatchWait wait) {
        return withContextWaiting(new ContextWaiting(wait, contextWaiting.adp()));
    }

    public EngineConfig withAdpBalance(AttentionDpBalance balance) {
        return withContextWaiting(new ContextWaiting(contextWaiting.batch(), balance));
    }

    public EngineConfig withMixedChunk(boolean on) {
        return new EngineConfig(profile, kvCapacityTokens, kvBytesPerToken, blockTokens, maxRunningRequests,
                maxBatchedTokens, maxPrefillTokens, chunkedPrefill, cudaGraphMaxBatch, prefixCaching, attentionDpRanks,
                speculative, overlapScheduling, kvTiers, recvInterval, contextWaiting, on);
    }
}
