package dev.plimsoll.perfmodel.specs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/** Builds a model's layer list from per-layer rules; shared by the YAML and config.json loaders. */
public final class LayerLayout {
    /**
     * Most decoder layers a spec may declare: far beyond any published model (Llama 3.1 405B has
     * 126, DeepSeek-V3 61 in their config.json), so a larger count is a typo, and it would
     * allocate a layer list of gigabytes.
     */
    public static final int MAX_LAYERS = 10_000;

    private LayerLayout() {
    }

    /**
     * @param count  decoder layers
     * @param isMoe  whether layer {@code i} (0-based) has a MoE feed-forward block
     * @param window attention span of layer {@code i}
     */
    public static List<LayerSpec> build(int count, IntPredicate isMoe, IntFunction<AttentionWindow> window) {
        return build(count, isMoe, window, i -> false);
    }

    /**
     * @param isLinear whether layer {@code i} mixes tokens with gated DeltaNet linear attention
     *                 instead of softmax attention (its window is then irrelevant)
     */
    public static List<LayerSpec> build(int count, IntPredicate isMoe, IntFunction<AttentionWindow> window,
                                        IntPredicate isLinear) {
        List<LayerSpec> layers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FfnKind ffn = isMoe.test(i) ? FfnKind.MOE : FfnKind.DENSE;
            layers.add(isLinear.test(i)
                    ? new LayerSpec(AttentionWindow.FULL, ffn, LayerMixer.GATED_DELTA_NET)
                    : new LayerSpec(window.apply(i), ffn));
        }
        return layers;
    }

    public static boolean anyOf(List<LayerSpec> layers, FfnKind kind) {
        return layers.stream().anyMatch(l -> l.ffn() == kind);
    }
}
