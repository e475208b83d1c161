package dev.plimsoll.perfmodel.specs;

/** One decoder layer: its attention span and its feed-forward kind. */
public record LayerSpec(AttentionWindow window, FfnKind ffn) {
}
