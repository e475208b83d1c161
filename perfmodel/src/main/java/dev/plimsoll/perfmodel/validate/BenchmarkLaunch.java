package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.Fp8BlockMoeKernel;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;
import dev.plimsoll.perfmodel.ops.GdnInputProjections;
import dev.plimsoll.perfmodel.ops.ReleaseGraph;
import dev.plimsoll.perfmodel.serving.MtpAcceptance;
import dev.plimsoll.perfmodel.serving.MtpDraftCost;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The engine flags a measured deployment was launched with. Most aic-silicon rows were produced by
 * NVIDIA AIConfigurator's benchmark generator (generator/rule_plugin/benchmark/{trtllm,vllm,sglang}.rule),
 * which sets, per pool:
 * <ul>
 *   <li>aggregated: max_batch_size = the row's batch size; max_num_tokens (vLLM
 *       --max-num-batched-tokens) = batch + ISL + 1500; SGLang --max-prefill-tokens = ISL + 1500;
 *       CUDA graphs captured for every batch size up to the batch;</li>
 *   <li>prefill pool: max_batch_size = its batch size, 1 when unset; max_num_tokens = ISL + 1500;</li>
 *   <li>decode pool: max_batch_size = its batch size, 128 when unset; max_num_tokens = max_batch_size.</li>
 * </ul>
 * Rows measured by InferenceX ({@link BenchmarkClient#INFERENCEX}) on vLLM were launched by its own
 * scripts instead ({@link #aggregated}). Chunked prefill keeps each engine's default (TensorRT-LLM
 * off, vLLM V1 on, SGLang on). Overlap scheduling: on for TensorRT-LLM aggregated and decode
 * engines, off for its prefill engines (the rule's disable_overlap_scheduler), SGLang's default
 * (on), and vLLM's default of the recorded version ({@link #overlapScheduling}).
 */
final class BenchmarkLaunch {
    /** The generator's slack over the prompt length in every token budget (the rule files above). */
    static final int TOKEN_SLACK = 1500;
    /** The generator's decode batch when the row does not give one (benchmark rules, agg_decode). */
    static final int DEFAULT_DECODE_BATCH = 128;
    /** InferenceX's vLLM token budget (max-num-batched-tokens: 8192 in its launch scripts). */
    static final int INFERENCEX_VLLM_TOKENS = 8192;

    private BenchmarkLaunch() {
    }

    /**
     * The aggregated engine as {@code client}'s benchmark campaign launched it. An InferenceX row takes
     * the flags of its launch script ({@link InferenceXScripts}); an InferenceX vLLM row whose script
     * is not in that list gets the flags its vLLM scripts share: {@code vllm serve ... --max-num-seqs
     * $CONC} with {@code max-num-batched-tokens: 8192} (benchmarks/gptoss_fp4_h100.sh) and async
     * scheduling (its Llama-3.1-70B recipe passes {@code --async-scheduling}, the default from vLLM
     * 0.12 on).
     */
    static Replica aggregated(Replica replica, MeasuredDeployment row, BenchmarkClient client) {
        PoolLayout pool = aggregatedLayout(row, client, replica.engine().profile(),
                replica.spec().gpu().scaleUpDomainGpus());
        int batch = pool.batch() > 0 ? pool.batch() : ceilDiv(row.concurrency(), Math.max(1, pool.dp()));
        Optional<InferenceXScript> script = script(row, client);
        if (script.isPresent()) {
            InferenceXScript s = script.get();
            int running = s.maxRunning().applyAsInt(row);
            int tokens = s.tokenBudget().applyAsInt(row);
            int prefill = s.prefillTokens().applyAsInt(row);
            EngineConfig e = replica.engine();
            // an InferenceX vLLM row without a recorded version ran a current vLLM, async by default
            boolean overlap = overlapScheduling(e.profile(), row.backendVersion(), false)
                    || e.profile() == SchedulerProfile.VLLM && row.backendVersion().isEmpty();
            Replica launched = launch(replica, running, tokens > 0 ? tokens : e.maxBatchedTokens(),
                    prefill > 0 ? prefill : e.maxPrefillTokens(), s.cudaGraphMax() > 0 ? s.cudaGraphMax() : running,
                    overlap, tokens > 0 || e.profile() != SchedulerProfile.SGLANG);
            EngineConfig engine = launched.engine().withRecvInterval(s.recvInterval().applyAsInt(row))
                    .withContextWaiting(s.contextWaiting().apply(row));
            Optional<InferenceXMtpScript> mtp = InferenceXMtpScript.of(row);
            if (mtp.isPresent()) {
                engine = engine.withSpeculative(mtpDrafts(mtp.get().draftTokens().applyAsInt(row),
                        replica.spec().model()));
            }
            return launched.withEngine(engine);
        }
        if (isInferenceXVllm(client, replica.engine().profile())) {
            return launch(replica, batch, INFERENCEX_VLLM_TOKENS, row.isl() + TOKEN_SLACK, true);
        }
        Replica launched = launch(replica, row, false, batch, batch + row.isl() + TOKEN_SLACK, row.isl() + TOKEN_SLACK);
        if (client == BenchmarkClient.AIPERF && replica.engine().profile() == SchedulerProfile.SGLANG
                && AicSglangTemplates.mixedChunk(row.backendVersion())) {
            return launched.withEngine(launched.engine().withMixedChunk(true));
        }
        return launched;
    }

    /**
     * The speculation of an MTP launch: {@code num_nextn_predict_layers} drafts a step, each a pass of the
     * model's MTP module (MtpDraftCost), accepted at DeepSeek's published rates (MtpAcceptance).
     */
    static SpeculativeDecoding mtpDrafts(int draftTokens, ModelSpec model) {
        return new SpeculativeDecoding(draftTokens, MtpAcceptance.rate(draftTokens), MtpDraftCost.ratio(model));
    }

    /**
     * The InferenceX single-node script that launched a row measured by InferenceX, if listed; none for a
     * disaggregated row, which ran its multinode configuration's srt-slurm recipe ({@link RecipePoolEngine},
     * {@link MultinodeRecipe}), never a script of {@code benchmarks/single_node/}.
     */
    static Optional<InferenceXScript> script(MeasuredDeployment row, BenchmarkClient client) {
        return client == BenchmarkClient.INFERENCEX && !row.disaggregated() ? InferenceXScripts.of(row)
                : Optional.empty();
    }

    /**
     * The aggregated engine's layout as launched. InferenceX runs every script with the environment
     * {@code TP}, {@code EP_SIZE} and {@code DP_ATTENTION} of its configuration and names the result
     * after them ({@code RESULT_FILENAME: ..._tp${TP}-ep${EP_SIZE}-dpa${DP_ATTENTION}_...} in
     * .github/workflows/benchmark-tmpl.yml), so a row's id carries the TP and EP its engine ran with
     * ({@code ..._tp8_ep8_...}), where some campaigns' layout columns multiply them (tp_size 64 for
     * TP 8 with EP 8). The engine ran TP GPUs ({@code --tensor-parallel-size=$TP},
     * {@code trtllm-serve --tp_size=$TP --ep_size=$EP_SIZE}, SGLang {@code --tp $TP}), with attention
     * data parallel over them where the row records it, except on vLLM: its scripts pass only
     * {@code --tensor-parallel-size} and {@code --enable-expert-parallel} (when EP_SIZE > 1, or whenever
     * EP_SIZE >= 1 in minimaxm2.5_fp8_h200.sh; vLLM then spreads experts over all TP ranks), so every
     * client ran in one batch. An InferenceX row named after its configuration ({@code ..._cfg181})
     * carries no TP in its name, and its columns multiply the same way: a world of more GPUs than one
     * NVLink domain ({@code domainGpus}: an HGX server, where InferenceX's single-node configurations
     * run) with experts split over both moe_tp and moe_ep ({@code dsr1_h200_trtllm_fp8_agg_..._cfg181}: tp_size 64,
     * moe_tp 8, moe_ep 8, measuring what its {@code _tp8_ep8_} twin does) ran world / moe_ep GPUs with
     * EP moe_ep. A script that runs EP equal to its TP ({@link InferenceXScript.ExpertParallel#EQUALS_TP})
     * ran so whatever the columns say. Other rows ran as recorded.
     */
    static PoolLayout aggregatedLayout(MeasuredDeployment row, BenchmarkClient client, SchedulerProfile engine,
                                       int domainGpus) {
        PoolLayout pool = row.agg();
        if (client != BenchmarkClient.INFERENCEX) {
            return pool;
        }
        Matcher named = InferenceXScript.NAMED_LAYOUT.matcher(row.id());
        int world = pool.tp() * pool.dp();
        boolean multiplied = world > domainGpus && pool.moeTp() > 1 && pool.moeEp() > 1
                && world == pool.moeTp() * pool.moeEp();
        boolean hasName = named.find();
        int gpus = hasName ? Integer.parseInt(named.group(1)) : multiplied ? world / pool.moeEp() : world;
        int ep = hasName ? Integer.parseInt(named.group(2)) : pool.moeEp();
        // the GPUs and EP the engine ran are known from the name or from the multiplied columns
        boolean launchKnown = hasName || multiplied;
        if (engine == SchedulerProfile.VLLM) {
            Optional<InferenceXScript> script = script(row, client);
            boolean always = script.isPresent()
                    && script.get().expertParallel() == InferenceXScript.ExpertParallel.ALWAYS;
            int vllmGpus = launchKnown ? gpus : pool.tp();
            boolean epOn = always || ep > 1 || pool.moeEp() > 1;
            if (!launchKnown && pool.dp() <= 1 && !always) {
                return pool;
            }
            return new PoolLayout(vllmGpus, pool.pp(), 1, epOn ? 1 : vllmGpus, epOn ? vllmGpus : 1, pool.workers(),
                    row.concurrency());
        }
        boolean epIsTp = script(row, client).filter(s -> s.expertParallel() == InferenceXScript.ExpertParallel.EQUALS_TP)
                .isPresent();
        if (!launchKnown && !epIsTp) {
            return pool;
        }
        boolean dpAttention = pool.dp() > 1;
        int epSize = Math.max(1, Math.min(epIsTp ? gpus : ep, gpus));
        int dp = dpAttention ? gpus : 1;
        return new PoolLayout(dpAttention ? 1 : gpus, pool.pp(), dp, Math.max(1, gpus / epSize), epSize,
                pool.workers(), ceilDiv(row.concurrency(), dp));
    }

    private static boolean isInferenceXVllm(BenchmarkClient client, SchedulerProfile engine) {
        return client == BenchmarkClient.INFERENCEX && engine == SchedulerProfile.VLLM;
    }

    /**
     * The engine's kernel choices as the row's launch set them. InferenceX's gpt-oss vLLM scripts for
     * the H100 and the H200 export {@code VLLM_MXFP4_USE_MARLIN=1} (gptoss_fp4_h100.sh,
     * gptoss_fp4_h200.sh), so MXFP4 experts ran through Marlin there instead of vLLM's default Triton
     * kernels; its B200 script does not. InferenceX's DeepSeek-R1 FP4 TensorRT-LLM scripts for the B200 name
     * the NVFP4 MoE kernel ({@link InferenceXScripts#nvfp4MoeKernel}), its Qwen3.5 SGLang scripts for the
     * B200 the attention backend ({@link InferenceXScripts#attentionBackend}); other launches leave them unknown.
     */
    static BackendProfile kernels(BackendProfile backend, MeasuredDeployment row, BenchmarkClient client) {
        Optional<InferenceXScript> script = script(row, client);
        boolean marlin = script.map(InferenceXScript::marlinMxfp4).orElse(false);
        BackendProfile launched = marlin ? backend.withMxfp4MoeKernel(MoeKernel.MARLIN) : backend;
        Nvfp4MoeKernel nvfp4 = script.map(s -> InferenceXScripts.nvfp4MoeKernel(s.file(), row))
                .orElse(Nvfp4MoeKernel.ANY);
        if (nvfp4 != Nvfp4MoeKernel.ANY) {
            launched = launched.withNvfp4MoeKernel(nvfp4);
        }
        SglangAttentionBackend attention = script.map(s -> InferenceXScripts.attentionBackend(s.file()))
                .orElse(SglangAttentionBackend.ANY);
        if (attention != SglangAttentionBackend.ANY) {
            launched = launched.withAttentionBackend(attention);
        }
        BackendProfile release = deepGemmMoeDefault(launched.id(), row.backendVersion())
                ? launched.withFp8BlockMoeKernel(Fp8BlockMoeKernel.DEEPGEMM_CONTIGUOUS) : launched;
        ReleaseGraph graph = release.releaseGraph();
        if (separateGdnProjections(release.id(), row.backendVersion())) {
            graph = graph.withGdnInputProjections(GdnInputProjections.SEPARATE);
        }
        if (kvBProjInCheckpointFormat(release.id(), row, client)) {
            graph = graph.withKvBProjInCheckpointFormat(true);
        }
        if (beforeTrtllmFusions(release.id(), row, client)) {
            graph = graph.withoutTrtllmFusions();
        }
        return graph.equals(release.releaseGraph()) ? release : release.withReleaseGraph(graph);
    }

    /**
     * Whether the row's TensorRT-LLM release kept MLA's {@code kv_b_proj} in the checkpoint's block-FP8
     * format ({@link TrtllmRelease#keepsKvBProjInCheckpointFormat}); the graph runs the absorption BMMs
     * in FP8 then where the checkpoint is block-FP8 and the GPU has the kernel.
     */
    static boolean kvBProjInCheckpointFormat(String engine, MeasuredDeployment row, BenchmarkClient client) {
        return "trtllm".equals(engine) && TrtllmRelease.of(row, client)
                .map(TrtllmRelease::keepsKvBProjInCheckpointFormat).orElse(false);
    }

    /**
     * Whether the row's TensorRT-LLM release predates the FP8 epilogues and Llama's fused all-reduce
     * (ops.TrtllmFusions): releases before 1.1 (1.0.0rc3 is of 2025-07-16; PR #6205 merged after it,
     * PR #7021 in August 2025). An unknown release keeps today's graph.
     */
    static boolean beforeTrtllmFusions(String engine, MeasuredDeployment row, BenchmarkClient client) {
        return "trtllm".equals(engine) && TrtllmRelease.of(row, client).map(r -> !atLeast(r, 1, 1)).orElse(false);
    }

    /**
     * Whether the recorded SGLang release projected gated DeltaNet inputs with four GEMMs
     * ({@link GdnInputProjections#SEPARATE}): releases before 0.5.10, which is the first to carry PR
     * #21019 (merged 2026-03-23) with the merged q-k-v-z and b-a projections and the split kernel.
     * An unrecorded version keeps today's graph.
     */
    static boolean separateGdnProjections(String engine, String version) {
        return "sglang".equals(engine) && !version.isEmpty() && !atLeast(version, 0, 5, 10);
    }

    /**
     * Whether the recorded vLLM version ran block-FP8 experts through DeepGEMM at every batch by
     * default: from 0.11.1, the first release with E8M0 scales as the Hopper default (PR #26197, October
     * 2025), which lets {@code TritonOrDeepGemmExperts} take DeepGEMM below 128 tokens, through the 0.14
     * line, whose {@code select_fp8_moe_backend(block_quant, tp_size, ...)} (fused_moe/oracle/fp8.py)
     * kept the 0.12 order: FlashInfer only under {@code VLLM_USE_FLASHINFER_MOE_FP8}, then DeepGEMM for
     * block-quantised weights. 0.15.0 replaced it with a priority list that puts FlashInfer CUTLASS
     * ahead of DeepGEMM (PR #32414, January 2026; PR #33490: "in 0.15.0 release the default fp8 MoE
     * backend is changed to FLASHINFER_CUTLASS"), and later versions reordered it again (PR #34260), so
     * those keep the tables' kernels (docs/validation.md says what was checked). Where the GPU runs
     * DeepGEMM and at which TP is the cost model's ({@code DeepGemmMoe}).
     */
    static boolean deepGemmMoeDefault(String engine, String version) {
        return "vllm".equals(engine) && atLeast(version, 0, 11, 1) && !atLeast(version, 0, 15, 0);
    }

    /**
     * Aggregated workers behind the frontend. The generator sizes the benchmark as workers x
     * max_batch_size (benchmark rules: BenchConfig.estimated_concurrency), so a row whose
     * concurrency exceeds its batch per engine ran that many engines.
     */
    static int aggregatedWorkers(MeasuredDeployment row, BenchmarkClient client, SchedulerProfile engine,
                                 int domainGpus) {
        PoolLayout pool = aggregatedLayout(row, client, engine, domainGpus);
        long perEngine = (long) pool.batch() * Math.max(1, pool.dp());
        if (pool.batch() <= 0 || row.concurrency() <= perEngine) {
            return 1;
        }
        return (int) ((row.concurrency() + perEngine - 1) / perEngine);
    }

    static Replica prefill(Replica replica, MeasuredDeployment row) {
        int batch = row.prefill().batch() > 0 ? row.prefill().batch() : 1;
        return launch(replica, row, true, batch, row.isl() + TOKEN_SLACK, row.isl() + TOKEN_SLACK);
    }

    static Replica decode(Replica replica, MeasuredDeployment row) {
        int batch = row.decode().batch() > 0 ? row.decode().batch() : DEFAULT_DECODE_BATCH;
        return launch(replica, row, false, batch, batch, replica.engine().maxPrefillTokens());
    }

    private static Replica launch(Replica replica, MeasuredDeployment row, boolean prefillPool, int batch, int tokens,
                                  int prefillTokens) {
        return launch(replica, batch, tokens, prefillTokens,
                overlapScheduling(replica.engine().profile(), row.backendVersion(), prefillPool));
    }

    private static Replica launch(Replica replica, int batch, int tokens, int prefillTokens, boolean overlap) {
        return launch(replica, batch, tokens, prefillTokens, batch, overlap,
                replica.engine().profile() != SchedulerProfile.SGLANG);
    }

    /**
     * @param setsTokens whether the launch sets the step budget; the generator leaves SGLang's
     *                   --chunked-prefill-size at its default and sets only --max-prefill-tokens
     */
    static Replica launch(Replica replica, int batch, int tokens, int prefillTokens, int cudaGraphMax,
                          boolean overlap, boolean setsTokens) {
        EngineConfig e = replica.engine();
        EngineConfig launched = e.withMaxRunningRequests(batch).withCudaGraphMaxBatch(Math.min(batch, cudaGraphMax))
                .withOverlapScheduling(overlap);
        if (e.profile() == SchedulerProfile.TRTLLM) {
            // every launch of the measured TensorRT-LLM rows turns block reuse off: the generator's
            // templates (kv_cache_config enable_block_reuse default(false), extra_engine_args.*.yaml.j2)
            // and InferenceX's scripts (enable_block_reuse: false)
            launched = launched.withPrefixCaching(false);
        }
        if (e.profile() == SchedulerProfile.SGLANG) {
            launched = launched.withMaxPrefillTokens(prefillTokens);
        }
        if (setsTokens) {
            launched = launched.withMaxBatchedTokens(Math.max(tokens, e.blockTokens()));
        }
        return replica.withEngine(launched);
    }

    /**
     * TensorRT-LLM: on, except on prefill workers (benchmark/trtllm.rule: prefill
     * disable_overlap_scheduler = true). vLLM: async scheduling is the default from v0.12 (vLLM issue
     * #27679, "Async Scheduling Plan", closed by PR #27614); an older or unrecorded version ran
     * without. SGLang: its default.
     */
    static boolean overlapScheduling(SchedulerProfile profile, String version, boolean prefillPool) {
        switch (profile) {
            case TRTLLM:
                return !prefillPool;
            case VLLM:
                return atLeast(version, 0, 12);
            default:
                return profile.defaultOverlapScheduling();
        }
    }

    /**
     * Whether a dotted version is at least major.minor.patch; false when it is missing or unreadable. A
     * suffix after a number is ignored ({@code 0.12rc1} is 0.12); a missing or unreadable patch is 0.
     */
    static boolean atLeast(String version, int major, int minor, int patch) {
        String[] parts = version == null ? new String[0] : version.trim().split("[.]");
        if (parts.length < 2) {
            return false;
        }
        int ma;
        int mi;
        try {
            ma = Integer.parseInt(parts[0]);
            mi = leadingNumber(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (ma != major || mi != minor) {
            return ma > major || (ma == major && mi > minor);
        }
        int pa;
        try {
            pa = parts.length > 2 ? leadingNumber(parts[2]) : 0;
        } catch (NumberFormatException e) {
            pa = 0;
        }
        return pa >= patch;
    }

    /** Whether a dotted version is at least major.minor; false when it is missing or unreadable. */
    static boolean atLeast(String version, int major, int minor) {
        return atLeast(version, major, minor, 0);
    }

    private static int leadingNumber(String part) {
        return Integer.parseInt(part.replaceAll("\\D.*$", ""));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
