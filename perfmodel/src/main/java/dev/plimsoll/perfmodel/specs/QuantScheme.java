package dev.plimsoll.perfmodel.specs;

import java.util.Objects;

/**
 * Quantisation as stored in a checkpoint, before it meets a GPU.
 *
 * @param name          preset name ({@code bf16}, {@code fp8}, {@code fp8-block}, {@code nvfp4}, ...)
 * @param linearWeights attention, dense FFN and shared-expert weights
 * @param expertWeights routed-expert weights (same as linear for dense models)
 * @param blockScaled   fp8 with 128x128 block scales (DeepSeek style)
 * @param activations   the type activations are quantised to when the GPU supports it; BF16 for
 *                      weight-only schemes
 * @param kvCache       KV-cache storage
 */
public record QuantScheme(String name, NumberFormat linearWeights, NumberFormat expertWeights,
                          boolean blockScaled, ComputeDtype activations, NumberFormat kvCache) {
    public QuantScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linearWeights, "linearWeights");
        Objects.requireNonNull(expertWeights, "expertWeights");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(kvCache, "kvCache");
    }

    public QuantScheme withKvCache(NumberFormat kv) {
        return new QuantScheme(name, linearWeights, expertWeights, blockScaled, activations, kv);
    }
}
