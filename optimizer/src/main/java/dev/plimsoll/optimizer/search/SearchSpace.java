package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.List;

/**
 * The knobs the search enumerates besides GPU type, quantisation and engine.
 *
 * @param tensorParallel      TP sizes tried (kept within one scale-up domain)
 * @param pipelineParallel    PP sizes tried
 * @param attentionDp         attention data-parallel sizes tried on MoE models (dense models use 1)
 * @param tokenBudgets        per-step token budgets tried (vLLM --max-num-batched-tokens, SGLang
 *                            --chunked-prefill-size, TensorRT-LLM max_num_tokens)
 * @param meanBatches         mean running requests per attention-DP rank at which operating points
 *                            are evaluated
 * @param tryFp8KvCache       also try an FP8 KV cache on GPUs with FP8 tensor cores
 * @param maxGpusPerReplica   largest engine replica (all its TP x PP x DP GPUs)
 * @param maxPointsPerEngine  operating points (replica counts) kept per engine layout
 * @param simulate            confirm the frontier and the winners with the simulator
 * @param topN                confirmed configurations listed besides the two winners
 * @param maxFrontierPoints   frontier points confirmed by simulation
 * @param maxSimulatedInFlight requests in flight a confirming simulation holds at most; larger
 *                            deployments are simulated as a slice of fewer workers under the same
 *                            per-worker load
 * @param confirmation        how the simulator confirms (request path, replications, confidence)
 */
public record SearchSpace(List<Integer> tensorParallel, List<Integer> pipelineParallel, List<Integer> attentionDp,
                          List<Integer> tokenBudgets, List<Double> meanBatches, boolean tryFp8KvCache,
                          int maxGpusPerReplica, int maxPointsPerEngine, boolean simulate, int topN,
                          int maxFrontierPoints, int maxSimulatedInFlight, ConfirmationSettings confirmation) {

    public SearchSpace {
        tensorParallel = List.copyOf(tensorParallel);
        pipelineParallel = List.copyOf(pipelineParallel);
        attentionDp = List.copyOf(attentionDp);
        tokenBudgets = List.copyOf(tokenBudgets);
        meanBatches = List.copyOf(meanBatches);
        java.util.Objects.requireNonNull(confirmation, "confirmation");
        if (tensorParallel.isEmpty() || pipelineParallel.isEmpty() || attentionDp.isEmpty() || tokenBudgets.isEmpty()
                || meanBatches.isEmpty()) {
            throw new UserInputException("every search dimension needs at least one value");
        }
        if (maxGpusPerReplica < 1 || maxPointsPerEngine < 1 || topN < 0 || maxFrontierPoints < 0
                || maxSimulatedInFlight < 10) {
            throw new UserInputException("search limits must be positive");
        }
    }

    /**
     * TP 1-8, PP 1-4, attention DP 1-8, token budgets 1K-16K, mean batches 1-512 per rank, FP8 KV
     * tried, replicas up to 32 GPUs, 3 extra configurations, 6 confirmed frontier points,
     * confirming simulations of at most 300 requests in flight, {@link ConfirmationSettings#DEFAULT}.
     */
    public static SearchSpace defaults() {
        return new SearchSpace(List.of(1, 2, 4, 8), List.of(1, 2, 4), List.of(1, 2, 4, 8),
                List.of(1024, 2048, 4096, 8192, 16384),
                List.of(1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0, 96.0, 128.0, 192.0, 256.0,
                        384.0, 512.0),
                true, 32, 12, true, 3, 6, 300, ConfirmationSettings.DEFAULT);
    }

    public SearchSpace withSimulate(boolean on) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, on, topN, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withTopN(int n) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, n, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withTokenBudgets(List<Integer> budgets) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, budgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withTensorParallel(List<Integer> sizes) {
        return new SearchSpace(sizes, pipelineParallel, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withPipelineParallel(List<Integer> sizes) {
        return new SearchSpace(tensorParallel, sizes, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withFp8KvCache(boolean on) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, tokenBudgets, meanBatches, on,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, maxFrontierPoints, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withMaxFrontierPoints(int n) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, n, maxSimulatedInFlight, confirmation);
    }

    public SearchSpace withConfirmation(ConfirmationSettings settings) {
        return new SearchSpace(tensorParallel, pipelineParallel, attentionDp, tokenBudgets, meanBatches, tryFp8KvCache,
                maxGpusPerReplica, maxPointsPerEngine, simulate, topN, maxFrontierPoints, maxSimulatedInFlight, settings);
    }
}
