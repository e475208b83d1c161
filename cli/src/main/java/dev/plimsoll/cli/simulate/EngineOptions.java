package dev.plimsoll.cli.simulate;

import dev.plimsoll.cli.QuantOptions;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.serving.EagleDraftCost;
import dev.plimsoll.perfmodel.serving.LaunchedMemory;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.sim.AttentionDpBalance;
import dev.plimsoll.perfmodel.sim.ContextBatchWait;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serving-engine settings of every replica, named as vLLM, SGLang and TensorRT-LLM name them.
 * Unset values keep the engine's own defaults ({@code backends/*.yaml}, {@code SchedulerProfile}).
 */
public final class EngineOptions {
    @Option(names = "--backend", paramLabel = "B", order = 40,
            description = "Serving engine: vllm, sglang or trtllm (default ${DEFAULT-VALUE}).")
    String backend = "vllm";

    // --quant --kv-dtype: one pair for plan, simulate and estimate
    @ArgGroup(validate = false, order = 41)
    QuantOptions quant = new QuantOptions();

    @Option(names = "--eager", order = 43,
            description = "Disable CUDA graphs (vLLM --enforce-eager, SGLang --disable-cuda-graph).")
    boolean eager;

    @Option(names = {"--memory-fraction", "--gpu-memory-utilization"}, paramLabel = "F",
            order = 44, description = "Share of GPU memory the engine may use, weights, KV cache, activations "
                    + "and CUDA graphs together, as vLLM's --gpu-memory-utilization (default 0.9).")
    Double memoryFraction;

    @Option(names = "--mem-fraction-static", paramLabel = "F", order = 44,
            description = "SGLang: its --mem-fraction-static, the share of GPU memory for the weights and the KV "
                    + "cache alone (activations and CUDA graphs live outside it); instead of --memory-fraction.")
    Double memFractionStatic;

    @Option(names = "--free-gpu-memory-fraction", paramLabel = "F", order = 44,
            description = "TensorRT-LLM: kv_cache_config free_gpu_memory_fraction, the share of the memory left "
                    + "once the weights are loaded that the KV cache takes; instead of --memory-fraction.")
    Double freeGpuMemoryFraction;

    @Option(names = {"--max-num-seqs", "--max-running-requests", "--max-batch-size"}, paramLabel = "N", order = 45,
            description = "Requests running at once per attention-DP rank (default: the engine's; vLLM's "
                    + "1024 on GPUs of 70 GiB or more except A100, 256 below).")
    Integer maxNumSeqs;

    @Option(names = {"--max-num-batched-tokens", "--chunked-prefill-size", "--max-num-tokens"}, paramLabel = "N",
            order = 46, description = "Token budget of one step (default: the engine's; vLLM's 8192 or 2048 as "
                    + "--max-num-seqs, SGLang's chunk by GPU memory: 2048, 4096 under 60 GiB, 8192, 16384 from "
                    + "160 GiB).")
    Integer maxNumBatchedTokens;

    @Option(names = "--max-prefill-tokens", paramLabel = "N", order = 47,
            description = "SGLang: prompt tokens of one prefill batch (default 16384).")
    Integer maxPrefillTokens;

    @Option(names = "--cuda-graph-max-bs", paramLabel = "N", order = 48,
            description = "Largest decode batch replayed from a CUDA graph (default: the engine's; SGLang's "
                    + "by GPU memory and TP: 256 below TP 4 and 512 from TP 4 on 60-160 GiB GPUs, 512 above).")
    Integer cudaGraphMaxBs;

    @Option(names = "--chunked-prefill", negatable = true, order = 49,
            description = "Cut long prompts into chunks within the token budget (default: on for vLLM and SGLang, "
                    + "off for TensorRT-LLM).")
    Boolean chunkedPrefill;

    @Option(names = "--overlap-scheduling", negatable = true, order = 49,
            description = "Build the next step while the current one runs: TensorRT-LLM overlap scheduler, SGLang "
                    + "overlap schedule, vLLM async scheduling (default on, as in all three engines' current "
                    + "releases). A request arriving mid-step then waits one more step; TensorRT-LLM also answers "
                    + "a step's tokens one step late.")
    Boolean overlapScheduling;

    @Option(names = "--scheduler-recv-interval", paramLabel = "N", order = 49,
            description = "SGLang: while decoding, read newly arrived requests every N-th scheduler turn only "
                    + "(the turn after a prefill always reads; default 1, every turn). A request arriving "
                    + "mid-decode then waits up to N-1 more decode steps.")
    Integer schedulerRecvInterval;

    @Option(names = "--enable-mixed-chunk", order = 49,
            description = "SGLang: a prefill batch carries one decode token of every running request, so arriving "
                    + "prompts do not stall the decodes (off by default, as in SGLang).")
    boolean mixedChunk;

    @Option(names = "--batch-wait-timeout-iters", paramLabel = "N", order = 49,
            description = "TensorRT-LLM batch_wait_timeout_iters: while generation requests run, hold scheduled "
                    + "context requests for up to N iterations (default 0, off).")
    Integer batchWaitIters;

    @Option(names = "--batch-wait-max-tokens-ratio", paramLabel = "R", order = 49,
            description = "TensorRT-LLM batch_wait_max_tokens_ratio: release held context requests once the step "
                    + "holds R x the token budget (default 0).")
    Double batchWaitRatio;

    @Option(names = "--attention-dp-balance", paramLabel = "TIMEOUT[,WAIT]", order = 49,
            description = "TensorRT-LLM attention_dp_config with enable_balance: attention-DP ranks hold context "
                    + "requests until every rank has one (up to TIMEOUT iterations, 50 if left out), then may wait "
                    + "WAIT more (10 if left out).")
    String attentionDpBalance;

    @Option(names = "--moe-backend", paramLabel = "CUTLASS|TRTLLM", order = 49,
            description = "TensorRT-LLM moe_config.backend for NVFP4 experts on Blackwell, where the kernel tables "
                    + "time both: CUTLASS (TensorRT-LLM's default) or TRTLLM (trtllm-gen). Default: the faster of "
                    + "the two at each shape.")
    String moeBackend;

    @Option(names = "--attention-backend", paramLabel = "trtllm_mha|flashinfer|triton", order = 49,
            description = "SGLang --attention-backend on Blackwell, where the kernel tables time these three at the "
                    + "same shapes (SGLang's own default there is trtllm_mha, triton for Qwen3-Next and Qwen3.5). "
                    + "Default: the fastest of them at each shape.")
    String attentionBackend;

    @Option(names = "--prefix-caching", paramLabel = "on|off", order = 50,
            description = "Reuse cached prompt prefixes (default on, as in all three engines). Off with KV tiers: GPU "
                    + "memory keeps no blocks past their request, only the tiers serve reuse (vLLM "
                    + "--no-enable-prefix-caching with CPU offloading).")
    String prefixCaching;

    @Option(names = {"--block-size", "--page-size", "--tokens-per-block"}, paramLabel = "N", order = 51,
            description = "KV block size in tokens (default: vLLM 16, SGLang 1, TensorRT-LLM 32).")
    Integer blockSize;

    @Option(names = "--speculative-tokens", paramLabel = "K", order = 52,
            description = "EAGLE speculative decoding with K draft tokens per step (vLLM num_speculative_tokens).")
    Integer draftTokens;

    // simulate's name before one vocabulary (plan's --speculative-tokens), kept for one release
    @Option(names = "--speculative-draft", paramLabel = "K", hidden = true)
    Integer oldDraftTokens;

    @Option(names = "--acceptance", paramLabel = "A", order = 53,
            description = "Probability a draft token is accepted, 0 to 1 (with --speculative-tokens).")
    Double acceptance;

    @Option(names = "--draft-cost", paramLabel = "R", order = 54,
            description = "Time of one draft pass as a share of a decode step (default: the weights of one layer "
                    + "and the LM head over the model's).")
    Double draftCost;

    public void validate() {
        if (oldDraftTokens != null) {
            if (draftTokens != null && !draftTokens.equals(oldDraftTokens)) {
                throw new UserInputException("--speculative-tokens and --speculative-draft (its old name) disagree: "
                        + draftTokens + " and " + oldDraftTokens + "; give --speculative-tokens only");
            }
            draftTokens = oldDraftTokens;
        }
        BackendProfiles.get(backend);
        quant.validate();
        Checks.within("--memory-fraction", memoryFraction, 0.05, 1.0);
        Checks.within("--mem-fraction-static", memFractionStatic, 0.05, 1.0);
        Checks.within("--free-gpu-memory-fraction", freeGpuMemoryFraction, 0.01, 1.0);
        Checks.onlyWith("--mem-fraction-static", memFractionStatic, "sglang".equals(backend), "to --backend sglang");
        Checks.onlyWith("--free-gpu-memory-fraction", freeGpuMemoryFraction, "trtllm".equals(backend),
                "to --backend trtllm");
        if (memoryFraction != null && (memFractionStatic != null || freeGpuMemoryFraction != null)) {
            throw new UserInputException("give the engine's memory share once: --memory-fraction or the engine's own "
                    + (memFractionStatic != null ? "--mem-fraction-static" : "--free-gpu-memory-fraction"));
        }
        Checks.positive("--max-num-seqs", maxNumSeqs);
        Checks.positive("--max-num-batched-tokens", maxNumBatchedTokens);
        Checks.positive("--max-prefill-tokens", maxPrefillTokens);
        Checks.positive("--scheduler-recv-interval", schedulerRecvInterval);
        Checks.nonNegative("--cuda-graph-max-bs", cudaGraphMaxBs);
        Checks.positive("--block-size", blockSize);
        Checks.positive("--speculative-tokens", draftTokens);
        Checks.within("--acceptance", acceptance, 0.0, 1.0);
        Checks.nonNegative("--draft-cost", draftCost);
        prefixCachingOn();
        if (eager && cudaGraphMaxBs != null && cudaGraphMaxBs > 0) {
            throw new UserInputException("--eager disables CUDA graphs; --cuda-graph-max-bs " + cudaGraphMaxBs
                    + " contradicts it");
        }
        Checks.onlyWith("--acceptance", acceptance, draftTokens != null, "with --speculative-tokens K");
        if (draftTokens != null && acceptance == null) {
            throw new UserInputException("--speculative-tokens needs --acceptance A, the probability that a draft token"
                    + " is accepted (0 to 1)");
        }
        Checks.onlyWith("--draft-cost", draftCost, draftTokens != null, "with --speculative-tokens K");
        Checks.onlyWith("--max-prefill-tokens", maxPrefillTokens, "sglang".equals(profile().id()),
                "to --backend sglang");
        Checks.onlyWith("--scheduler-recv-interval", schedulerRecvInterval, "sglang".equals(profile().id()),
                "to --backend sglang");
        Checks.onlyWith("--enable-mixed-chunk", mixedChunk ? Boolean.TRUE : null, "sglang".equals(profile().id()),
                "to --backend sglang");
        boolean trt = "trtllm".equals(profile().id());
        Checks.onlyWith("--batch-wait-timeout-iters", batchWaitIters, trt, "to --backend trtllm");
        Checks.onlyWith("--batch-wait-max-tokens-ratio", batchWaitRatio, trt, "to --backend trtllm");
        Checks.onlyWith("--attention-dp-balance", attentionDpBalance, trt, "to --backend trtllm");
        Checks.onlyWith("--moe-backend", moeBackend, trt, "to --backend trtllm");
        nvfp4MoeKernel();
        Checks.onlyWith("--attention-backend", attentionBackend, "sglang".equals(profile().id()), "to --backend sglang");
        sglangAttention();
        Checks.nonNegative("--batch-wait-timeout-iters", batchWaitIters);
        Checks.within("--batch-wait-max-tokens-ratio", batchWaitRatio, 0.0, 1.0);
        adpBalance();
    }

    /** --attention-dp-balance TIMEOUT[,WAIT], with TensorRT-LLM's defaults (llm_args.py AttentionDpConfig) for WAIT. */
    private AttentionDpBalance adpBalance() {
        if (attentionDpBalance == null) {
            return AttentionDpBalance.OFF;
        }
        String[] parts = attentionDpBalance.split(",", -1);
        if (parts.length > 2) {
            throw new UserInputException("--attention-dp-balance takes TIMEOUT[,WAIT], got '" + attentionDpBalance + "'");
        }
        try {
            int timeout = Integer.parseInt(parts[0].trim());
            int wait = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : AttentionDpBalance.OFF.batchingWaitIters();
            return AttentionDpBalance.on(timeout, wait);
        } catch (NumberFormatException e) {
            throw new UserInputException("--attention-dp-balance takes whole iteration counts TIMEOUT[,WAIT], got '"
                    + attentionDpBalance + "'");
        }
    }

    /** --moe-backend as TensorRT-LLM spells its values; ANY (the faster) when not given. */
    private Nvfp4MoeKernel nvfp4MoeKernel() {
        if (moeBackend == null) {
            return Nvfp4MoeKernel.ANY;
        }
        switch (moeBackend.trim().toUpperCase(Locale.ROOT)) {
            case "CUTLASS":
                return Nvfp4MoeKernel.CUTLASS;
            case "TRTLLM":
                return Nvfp4MoeKernel.TRTLLM_GEN;
            default:
                throw new UserInputException("--moe-backend must be CUTLASS or TRTLLM (TensorRT-LLM's moe_config.backend"
                        + " values whose NVFP4 kernels the tables time), got '" + moeBackend + "'");
        }
    }

    /** --attention-backend as SGLang spells its values; ANY (the fastest) when not given. */
    private SglangAttentionBackend sglangAttention() {
        if (attentionBackend == null) {
            return SglangAttentionBackend.ANY;
        }
        return SglangAttentionBackend.byLabel(attentionBackend.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new UserInputException("--attention-backend must be trtllm_mha, flashinfer or triton (the SGLang backends "
                + "whose prefill and decode attention the tables time), got '" + attentionBackend + "'"));
    }

    private Boolean prefixCachingOn() {
        if (prefixCaching == null) {
            return null;
        }
        switch (prefixCaching.toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
                return true;
            case "off":
            case "false":
                return false;
            default:
                throw new UserInputException("--prefix-caching must be on or off, got '" + prefixCaching + "'");
        }
    }

    /**
     * The backend with the user's limits in place of its defaults (a limit left out is the engine's
     * own, sized by the GPU and layout where the engine does, BackendProfile#on), so the memory model
     * sizes activations and graph memory for them, as the engine would.
     */
    BackendProfile profile() {
        return BackendProfiles.get(backend).withLaunchLimits(maxNumSeqs, maxNumBatchedTokens, cudaGraphMaxBs)
                .withNvfp4MoeKernel(nvfp4MoeKernel()).withAttentionBackend(sglangAttention());
    }

    QuantScheme quant(ModelSpec model) {
        return quant.scheme(model);
    }

    /** The launch configuration of one replica. */
    ReplicaSpec replica(ModelSpec model, GpuSpec gpu, Parallelism layout) {
        ReplicaSpec spec = new ReplicaSpec(model, gpu, layout, quant(model), profile(), !eager, memoryFraction());
        if (memFractionStatic != null) {
            return spec.withMemoryFraction(LaunchedMemory.sglangShare(spec, memFractionStatic));
        }
        if (freeGpuMemoryFraction != null) {
            return spec.withMemoryFraction(LaunchedMemory.trtllmShare(spec, freeGpuMemoryFraction));
        }
        return spec;
    }

    /** The memory model's share: --memory-fraction, 0.9 when not given. */
    double memoryFraction() {
        return memoryFraction != null ? memoryFraction : EstimateRequest.DEFAULT_MEMORY_FRACTION;
    }

    /** The engine settings the replica builder does not decide: chunking, caching, blocks, speculation. */
    EngineConfig tune(EngineConfig engine, ModelSpec model) {
        EngineConfig e = engine;
        if (blockSize != null) {
            e = e.withBlockTokens(blockSize);
        }
        if (overlapScheduling != null) {
            e = e.withOverlapScheduling(overlapScheduling);
        }
        if (chunkedPrefill != null) {
            e = e.withChunkedPrefill(chunkedPrefill);
        }
        Boolean caching = prefixCachingOn();
        if (caching != null) {
            e = e.withPrefixCaching(caching);
        }
        if (schedulerRecvInterval != null) {
            e = e.withRecvInterval(schedulerRecvInterval);
        }
        if (maxPrefillTokens != null) {
            e = e.withMaxPrefillTokens(maxPrefillTokens);
        }
        if (mixedChunk) {
            e = e.withMixedChunk(true);
        }
        if (batchWaitIters != null || batchWaitRatio != null) {
            e = e.withContextWait(new ContextBatchWait(batchWaitIters != null ? batchWaitIters : 0,
                    batchWaitRatio != null ? batchWaitRatio : 0.0));
        }
        if (attentionDpBalance != null) {
            e = e.withAdpBalance(adpBalance());
        }
        if (draftTokens != null) {
            e = e.withSpeculative(new SpeculativeDecoding(draftTokens, acceptance,
                    draftCost != null ? draftCost : EagleDraftCost.ratio(model)));
        }
        return e;
    }

    /** One line per old option name used, saying what to write instead. */
    public List<String> deprecations() {
        return oldDraftTokens != null ? List.of("--speculative-draft is an old name of --speculative-tokens and goes in the next "
                + "release") : List.of();
    }

    /** The options as given, for the JSON echo. */
    public Map<String, Object> echo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", profile().id());
        m.put("quant", quant.quant());
        m.put("kv_dtype", quant.kvDtype());
        m.put("cuda_graph", !eager);
        if (moeBackend != null) {
            m.put("moe_backend", moeBackend.trim().toUpperCase(Locale.ROOT));
        }
        if (attentionBackend != null) {
            m.put("attention_backend", attentionBackend.trim().toLowerCase(Locale.ROOT));
        }
        if (memFractionStatic != null) {
            m.put("mem_fraction_static", memFractionStatic);
        } else if (freeGpuMemoryFraction != null) {
            m.put("free_gpu_memory_fraction", freeGpuMemoryFraction);
        } else {
            m.put("memory_fraction", memoryFraction());
        }
        return m;
    }
}
