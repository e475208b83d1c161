package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.List;

/**
 * Answer to an {@link EstimateRequest}; times in milliseconds, rates per second.
 *
 * @param prefillMs               one request of ISL tokens alone, no queueing
 * @param decodeStepMs            one decode step of the batch at context ISL + OSL/2
 * @param ttftMs                  time to first token: prefill plus the wait for the step in flight
 * @param itlMs                   mean inter-token latency in steady state, including the share of
 *                                other requests' prefills that interrupt decoding
 * @param throughputTokensPerS    output tokens per second of one replica
 * @param tokensPerSPerGpu        the same per GPU
 * @param tokensPerSPerUser       output tokens per second one request sees
 * @param gpus                    GPUs per replica
 * @param memory                  memory of the fullest GPU
 * @param kvCapacityTokens        tokens the KV pool holds per attention-DP rank
 * @param maxBatch                largest concurrency per rank that fits ISL + OSL for every request
 * @param ops                     per-op detail of the prefill and decode steps
 * @param quant                   what the GPU really runs
 * @param notes                   assumptions worth telling the user
 * @param cudaGraphMaxBatch       largest decode batch replayed from a CUDA graph, the engine's own for
 *                                the GPU and layout (0 when eager)
 */
public record Estimate(double prefillMs, double decodeStepMs, double ttftMs, double itlMs,
                       double throughputTokensPerS, double tokensPerSPerGpu, double tokensPerSPerUser, int gpus,
                       MemoryBreakdown memory, long kvCapacityTokens, int maxBatch, List<OpTiming> ops,
                       ResolvedQuant quant, List<String> notes, int cudaGraphMaxBatch) {
}
