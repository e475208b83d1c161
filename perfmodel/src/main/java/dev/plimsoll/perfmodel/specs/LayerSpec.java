package dev.plimsoll.perfmodel.specs;

import java.util.Objects;

/**
 * One decoder layer: its token mixer, its attention span (for attention layers) and its
 * feed-forward kind.
 */
public record LayerSpec(AttentionWindow window, FfnKind ffn, LayerMixer mixer) {
    public LayerSpec {
        Objects.requireNonNull(mixer, "mixer");
    }

    /** A softmax-attention layer. */
    public LayerSpec(AttentionWindow window, FfnKind ffn) {
        this(window, ffn, LayerMixer.ATTENTION);
    }

    public boolean isLinearAttention() {
        return mixer == LayerMixer.GATED_DELTA_NET;
    }
}
