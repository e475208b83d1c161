package dev.plimsoll.perfmodel.specs;

/**
 * A checkpoint's quantisation as it runs on one GPU.
 *
 * @param scheme  the stored scheme
 * @param linear  attention, dense FFN and shared experts
 * @param experts routed experts
 * @param kvCache KV-cache storage
 * @param note    how the engine runs a format the GPU lacks (empty when native)
 */
public record ResolvedQuant(QuantScheme scheme, Precision linear, Precision experts, NumberFormat kvCache,
                            String note) {
}
