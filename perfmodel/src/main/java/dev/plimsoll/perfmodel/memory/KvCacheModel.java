package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.AttentionWindow;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;

/**
 * KV-cache bytes on one GPU. Full-attention layers cache every token; sliding-window and chunked
 * layers cache at most their window per request (vLLM hybrid KV-cache manager), so capacity is
 * counted in full-attention tokens plus a per-request window cost.
 *
 * @param fullBytesPerToken      bytes per cached token in full-attention layers, on one GPU
 * @param windowedBytesPerToken  bytes per cached token in windowed layers, on one GPU
 * @param windowTokens           largest window of the windowed layers (0 when none)
 */
public record KvCacheModel(double fullBytesPerToken, double windowedBytesPerToken, int windowTokens) {

    public static KvCacheModel of(ModelSpec model, Parallelism p, NumberFormat kvFormat) {
        double perLayer = perLayerBytesPerToken(model, p, kvFormat);
        int layersPerStage = model.numLayers() / p.pp();
        double full = 0;
        double windowed = 0;
        int window = 0;
        for (LayerSpec layer : model.layers().subList(0, layersPerStage)) {
            AttentionWindow w = layer.window();
            if (w.isFull()) {
                full += perLayer;
            } else {
                windowed += perLayer;
                window = Math.max(window, w.tokens());
            }
        }
        return new KvCacheModel(full, windowed, window);
    }

    /** Bytes per token of one layer on one GPU: K and V of the local KV heads, or the MLA latent. */
    static double perLayerBytesPerToken(ModelSpec model, Parallelism p, NumberFormat kvFormat) {
        if (model.attention().isMla()) {
            // the latent is shared by all heads, so every TP rank caches all of it
            return model.attention().mla().cachedElementsPerToken() * kvFormat.bytesPerElement();
        }
        int kvHeads = Math.max(1, model.attention().numKvHeads() / p.tp());
        return 2.0 * kvHeads * model.attention().headDim() * kvFormat.bytesPerElement();
    }

    /** KV bytes per token of the whole model on one GPU with no parallelism and no windows. */
    public static double modelBytesPerToken(ModelSpec model, NumberFormat kvFormat) {
        return perLayerBytesPerToken(model, Parallelism.SINGLE, kvFormat)
                * model.numLayers();
    }

    /** Bytes one request of {@code contextTokens} tokens holds on one GPU. */
    public double requestBytes(long contextTokens) {
        return fullBytesPerToken * contextTokens + windowedBytesPerToken * Math.min(contextTokens, windowTokens);
    }

    /** Full-attention tokens a pool of {@code poolBytes} holds. */
    public long capacityTokens(double poolBytes) {
        if (fullBytesPerToken > 0) {
            return (long) Math.floor(poolBytes / fullBytesPerToken);
        }
        return (long) Math.floor(poolBytes / windowedBytesPerToken);
    }

    /** Requests of {@code contextTokens} tokens that fit in {@code poolBytes}. */
    public long requestsThatFit(double poolBytes, long contextTokens) {
        double perRequest = requestBytes(contextTokens);
        return perRequest <= 0 ? Long.MAX_VALUE : (long) Math.floor(poolBytes / perRequest);
    }

}
