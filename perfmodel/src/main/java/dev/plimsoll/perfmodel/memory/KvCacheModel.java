package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.parallel.PipelineStages;
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
 * @param stateBytesPerRequest   fixed bytes per running request whatever its length: the recurrent
 *                               state of gated DeltaNet layers on one GPU (0 when none)
 */
public record KvCacheModel(double fullBytesPerToken, double windowedBytesPerToken, int windowTokens,
                           double stateBytesPerRequest) {

    public KvCacheModel(double fullBytesPerToken, double windowedBytesPerToken, int windowTokens) {
        this(fullBytesPerToken, windowedBytesPerToken, windowTokens, 0.0);
    }

    /** With vLLM's split of uneven stages. */
    public static KvCacheModel of(ModelSpec model, Parallelism p, NumberFormat kvFormat) {
        return of(model, p, kvFormat, "vllm");
    }

    /**
     * The cache of the stage that caches the most per token, its layers as the engine
     * {@code backendId} splits them ({@link PipelineStages}): every stage holds the same requests,
     * so the fullest one bounds the pool (vLLM sizes the KV cache by the minimum over its workers).
     */
    public static KvCacheModel of(ModelSpec model, Parallelism p, NumberFormat kvFormat, String backendId) {
        int[] bounds = PipelineStages.bounds(PipelineStages.layers(model.numLayers(), p.pp(), backendId));
        KvCacheModel fullest = null;
        for (int s = 0; s < p.pp(); s++) {
            KvCacheModel stage = ofLayers(model, p, kvFormat, model.layers().subList(bounds[s], bounds[s + 1]));
            if (fullest == null || stage.requestBytes(STAGE_COMPARISON_TOKENS) > fullest.requestBytes(
                    STAGE_COMPARISON_TOKENS)) {
                fullest = stage;
            }
        }
        return fullest;
    }

    /** Context at which stages are compared: a long request, where full-attention layers dominate. */
    private static final long STAGE_COMPARISON_TOKENS = 32_768;

    private static KvCacheModel ofLayers(ModelSpec model, Parallelism p, NumberFormat kvFormat,
                                         java.util.List<LayerSpec> layers) {
        double perLayer = perLayerBytesPerToken(model, p, kvFormat);
        double full = 0;
        double windowed = 0;
        double state = 0;
        int window = 0;
        for (LayerSpec layer : layers) {
            AttentionWindow w = layer.window();
            if (layer.isLinearAttention()) {
                state += model.linearAttention().stateBytesPerRequest(p.tp());
            } else if (w.isFull()) {
                full += perLayer;
            } else {
                windowed += perLayer;
                window = Math.max(window, w.tokens());
            }
        }
        return new KvCacheModel(full, windowed, window, state);
    }

    /**
     * Bytes per token of one attention layer on one GPU: K and V of the local KV heads, or the MLA
     * latent, plus the indexer's fp8 key for DeepSeek sparse attention.
     */
    static double perLayerBytesPerToken(ModelSpec model, Parallelism p, NumberFormat kvFormat) {
        if (model.attention().isMla()) {
            // the latent is shared by all heads, so every TP rank caches all of it; so is the indexer key
            var mla = model.attention().mla();
            double indexer = mla.isSparse() ? mla.sparse().indexerKeyBytesPerToken() : 0.0;
            return mla.cachedElementsPerToken() * kvFormat.bytesPerElement() + indexer;
        }
        int kvHeads = Math.max(1, model.attention().numKvHeads() / p.tp());
        return 2.0 * kvHeads * model.attention().headDim() * kvFormat.bytesPerElement();
    }

    /** KV bytes per token of the whole model on one GPU with no parallelism and no windows. */
    public static double modelBytesPerToken(ModelSpec model, NumberFormat kvFormat) {
        return perLayerBytesPerToken(model, Parallelism.SINGLE, kvFormat)
                * model.attentionLayers();
    }

    /** Bytes one request of {@code contextTokens} tokens holds on one GPU. */
    public double requestBytes(long contextTokens) {
        return fullBytesPerToken * contextTokens + windowedBytesPerToken * Math.min(contextTokens, windowTokens)
                + stateBytesPerRequest;
    }

    /**
     * Full-attention tokens a pool of {@code poolBytes} holds once the recurrent state of up to
     * {@code runningRequests} requests is set aside (SGLang keeps gated DeltaNet states in their own
     * pool sized for the running requests, its MambaPool; vLLM allocates them from the same pool per
     * running request). The states take at most {@link #STATE_TO_KV_RATIO} times the token pool, as
     * SGLang splits the two.
     */
    public long capacityTokens(double poolBytes, int runningRequests) {
        double cap = poolBytes * STATE_TO_KV_RATIO / (1.0 + STATE_TO_KV_RATIO);
        double states = Math.min(stateBytesPerRequest * Math.max(0, runningRequests), cap);
        return capacityTokens(poolBytes - states);
    }

    /**
     * Largest ratio of recurrent-state memory to full-attention KV memory: SGLang server_args
     * {@code --mamba-full-memory-ratio}, default 0.9 (its MambaPool is sized from it when the running
     * requests' states would take more).
     */
    public static final double STATE_TO_KV_RATIO = 0.9;

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
