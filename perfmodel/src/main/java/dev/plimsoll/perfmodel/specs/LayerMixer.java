package dev.plimsoll.perfmodel.specs;

/** The token-mixing block of a decoder layer. */
public enum LayerMixer {
    /** Softmax attention (GQA or MLA, dense or DeepSeek-sparse), with a per-token KV cache. */
    ATTENTION,
    /** Gated DeltaNet linear attention with a fixed-size recurrent state per request. */
    GATED_DELTA_NET
}
