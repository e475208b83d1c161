package dev.plimsoll.optimizer.search;

/**
 * Why a configuration performs as it does.
 *
 * @param bottleneck what bounds it: compute, memory_bandwidth, communication, overhead,
 *                   kv_capacity or queueing
 * @param limit      what stops a larger batch per worker (an SLA, KV capacity, prefill saturation)
 * @param detail     one sentence with the figures behind both
 */
public record Diagnosis(String bottleneck, String limit, String detail) {
}
