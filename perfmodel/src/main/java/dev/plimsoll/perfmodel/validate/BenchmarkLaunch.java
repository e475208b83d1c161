package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.SchedulerProfile;
import dev.plimsoll.perfmodel.specs.GpuSpec;

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
    /** The GPU whose InferenceX vLLM script selects Marlin for MXFP4 experts (gptoss_fp4_h100.sh). */
    static final String INFERENCEX_MARLIN_GPU = "h100-sxm";

    private BenchmarkLaunch() {
    }

    /**
     * The aggregated engine as {@code client}'s benchmark campaign launched it. InferenceX's vLLM
     * launches use {@code vllm serve ... --max-num-seqs $CONC} with {@code max-num-batched-tokens: 8192}
     * (benchmarks/gptoss_fp4_h100.sh) and async scheduling (its Llama-3.1-70B recipe passes
     * {@code --async-scheduling}, the default from vLLM 0.12 on).
     */
    static Replica aggregated(Replica replica, MeasuredDeployment row, BenchmarkClient client) {
        PoolLayout pool = aggregatedLayout(row, client, replica.engine().profile());
        int batch = pool.batch() > 0 ? pool.batch() : ceilDiv(row.concurrency(), Math.max(1, pool.dp()));
        if (isInferenceXVllm(client, replica.engine().profile())) {
            return launch(replica, batch, INFERENCEX_VLLM_TOKENS, row.isl() + TOKEN_SLACK, true);
        }
        return launch(replica, row, false, batch, batch + row.isl() + TOKEN_SLACK, row.isl() + TOKEN_SLACK);
    }

    /**
     * The aggregated engine's layout as launched. InferenceX's H100 vLLM scripts pass only
     * {@code --tensor-parallel-size=$TP} and, when EP_SIZE > 1, {@code --enable-expert-parallel}
     * (benchmarks/single_node/minimaxm2.5_fp8_h100.sh, gptoss_fp4_h100.sh), so a row's attention-DP
     * column never reached the engine: it ran TP GPUs, experts spread over all of them when EP was
     * asked for, every client in one running batch (--max-num-seqs $CONC or 256). Other rows ran as
     * recorded.
     */
    static PoolLayout aggregatedLayout(MeasuredDeployment row, BenchmarkClient client, SchedulerProfile engine) {
        PoolLayout pool = row.agg();
        if (!isInferenceXVllm(client, engine) || pool.dp() <= 1) {
            return pool;
        }
        int ep = pool.moeEp() > 1 ? pool.tp() * pool.pp() : 1;
        return new PoolLayout(pool.tp(), pool.pp(), 1, ep > 1 ? 1 : pool.moeTp(), ep, pool.workers(),
                row.concurrency());
    }

    private static boolean isInferenceXVllm(BenchmarkClient client, SchedulerProfile engine) {
        return client == BenchmarkClient.INFERENCEX && engine == SchedulerProfile.VLLM;
    }

    /**
     * The engine's kernel choices as {@code client}'s launch set them. InferenceX's H100 vLLM script
     * exports {@code VLLM_MXFP4_USE_MARLIN=1} (benchmarks/gptoss_fp4_h100.sh), so MXFP4 experts run
     * through Marlin there instead of vLLM's default Triton kernels.
     */
    static BackendProfile kernels(BackendProfile backend, GpuSpec gpu, BenchmarkClient client) {
        boolean marlin = client == BenchmarkClient.INFERENCEX && SchedulerProfile.of(backend.id()) == SchedulerProfile.VLLM
                && gpu.id().equals(INFERENCEX_MARLIN_GPU);
        return marlin ? backend.withMxfp4MoeKernel(MoeKernel.MARLIN) : backend;
    }

    /**
     * Aggregated workers behind the frontend. The generator sizes the benchmark as workers x
     * max_batch_size (benchmark rules: BenchConfig.estimated_concurrency), so a row whose
     * concurrency exceeds its batch per engine ran that many engines.
     */
    static int aggregatedWorkers(MeasuredDeployment row, BenchmarkClient client, SchedulerProfile engine) {
        PoolLayout pool = aggregatedLayout(row, client, engine);
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
        EngineConfig e = replica.engine();
        EngineConfig launched = e.withMaxRunningRequests(batch).withCudaGraphMaxBatch(batch)
                .withOverlapScheduling(overlap);
        if (e.profile() == SchedulerProfile.SGLANG) {
            // SGLang's step budget is --chunked-prefill-size, which the generator leaves at its default
            launched = launched.withMaxPrefillTokens(prefillTokens);
        } else {
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

    /** Whether a dotted version is at least major.minor; false when it is missing or unreadable. */
    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version == null ? new String[0] : version.trim().split("[.]");
        if (parts.length < 2) {
            return false;
        }
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = Integer.parseInt(parts[1].replaceAll("\\D.*$", ""));
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
