package dev.plimsoll.autoscaler.metrics;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Locale;

/**
 * The metric names one serving engine (or front end) exports, so the controller reads each by its
 * own names. Histograms are named by their base ({@code _bucket}, {@code _sum}, {@code _count}
 * are appended); a name is null where the engine exports no such metric.
 *
 * @param engine            vllm, sglang or dynamo
 * @param running           gauge: requests in the running batch
 * @param waiting           gauge: requests queued
 * @param kvUsage           gauge: share of KV blocks in use, 0..1
 * @param startedRequests   counter: requests accepted (offered load), null where only completions are counted
 * @param promptTokens      counter, or a histogram of prompt lengths when {@code promptIsHistogram}
 * @param generationTokens  counter, or a histogram of output lengths when {@code generationIsHistogram}
 * @param promptIsHistogram prompt lengths come as a per-request histogram (Dynamo's front end)
 * @param generationIsHistogram output lengths come as a per-request histogram
 * @param finishedRequests  counter: requests completed
 * @param ttft              histogram: time to first token, seconds
 * @param itl               histogram: inter-token latency, seconds
 */
public record EngineMetricNames(String engine, String running, String waiting, String kvUsage, String startedRequests,
                                String promptTokens, String generationTokens, boolean promptIsHistogram,
                                boolean generationIsHistogram, String finishedRequests, String ttft, String itl) {
    /** vLLM V1 (docs.vllm.ai, "Production Metrics"). */
    public static final EngineMetricNames VLLM = new EngineMetricNames("vllm", "vllm:num_requests_running",
            "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc", null, "vllm:prompt_tokens_total",
            "vllm:generation_tokens_total", false, false, "vllm:request_success_total",
            "vllm:time_to_first_token_seconds", "vllm:inter_token_latency_seconds");
    /** SGLang (docs.sglang.ai, "Production Metrics"). */
    public static final EngineMetricNames SGLANG = new EngineMetricNames("sglang", "sglang:num_running_reqs",
            "sglang:num_queue_reqs", "sglang:token_usage", null, "sglang:prompt_tokens_total",
            "sglang:generation_tokens_total", false, false, "sglang:num_requests_total",
            "sglang:time_to_first_token_seconds", "sglang:inter_token_latency_seconds");
    /**
     * NVIDIA Dynamo's front end: it counts requests when they start (offered load, not
     * completions) and keeps per-request input and output lengths as histograms; the engines'
     * gauges come from the workers (their vLLM or SGLang names).
     */
    public static final EngineMetricNames DYNAMO_FRONTEND = new EngineMetricNames("dynamo", null, null, null,
            "dynamo_frontend_requests_started_total", "dynamo_frontend_input_sequence_tokens",
            "dynamo_frontend_output_sequence_tokens", true, true, null,
            "dynamo_frontend_time_to_first_token_seconds", "dynamo_frontend_inter_token_latency_seconds");

    public static EngineMetricNames of(String engine) {
        switch (engine.toLowerCase(Locale.ROOT)) {
            case "vllm":
                return VLLM;
            case "sglang":
                return SGLANG;
            case "dynamo":
                return DYNAMO_FRONTEND;
            default:
                throw new UserInputException("unknown engine '" + engine + "' for metric names; expected vllm, sglang"
                        + " or dynamo");
        }
    }
}
