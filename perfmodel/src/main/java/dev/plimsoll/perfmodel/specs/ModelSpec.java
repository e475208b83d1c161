package dev.plimsoll.perfmodel.specs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Architecture of a decoder-only transformer, normalised from a Plimsoll model YAML or a
 * Hugging Face config.json.
 *
 * @param id               Plimsoll id (for example {@code llama-3.1-8b}) or the config path it came from
 * @param name             display name (Hugging Face repository name when known)
 * @param source           where the figures come from
 * @param architecture     Hugging Face architecture class, for messages
 * @param hiddenSize       model width [hidden_size]
 * @param vocabSize        vocabulary [vocab_size]
 * @param tiedEmbeddings   LM head shares the embedding matrix [tie_word_embeddings]
 * @param attention        attention dimensions
 * @param intermediateSize width of the dense (non-MoE) gated FFN; 0 when every layer is MoE
 * @param moe              MoE block, null for dense models
 * @param layers           every decoder layer in order
 * @param defaultQuant     quantisation of the published checkpoint
 * @param maxContextTokens longest supported context [max_position_embeddings]
 * @param linearAttention  gated DeltaNet dimensions of the linear-attention layers, null when every
 *                         layer is softmax attention
 */
public record ModelSpec(String id, String name, String source, String architecture, int hiddenSize,
                        int vocabSize, boolean tiedEmbeddings, AttentionSpec attention, int intermediateSize,
                        MoeSpec moe, List<LayerSpec> layers, QuantScheme defaultQuant, int maxContextTokens,
                        LinearAttentionSpec linearAttention) {

    /** A model whose layers are all softmax attention. */
    public ModelSpec(String id, String name, String source, String architecture, int hiddenSize, int vocabSize,
                     boolean tiedEmbeddings, AttentionSpec attention, int intermediateSize, MoeSpec moe,
                     List<LayerSpec> layers, QuantScheme defaultQuant, int maxContextTokens) {
        this(id, name, source, architecture, hiddenSize, vocabSize, tiedEmbeddings, attention, intermediateSize, moe,
                layers, defaultQuant, maxContextTokens, null);
    }


    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(defaultQuant, "defaultQuant");
        layers = List.copyOf(layers);
        if (hiddenSize <= 0 || vocabSize <= 0 || layers.isEmpty()) {
            throw new IllegalArgumentException("model " + id + " needs positive hidden size, vocabulary and layers");
        }
        boolean anyMoe = layers.stream().anyMatch(l -> l.ffn() == FfnKind.MOE);
        if (anyMoe && moe == null) {
            throw new IllegalArgumentException("model " + id + " has MoE layers but no MoE block");
        }
        boolean anyDense = layers.stream().anyMatch(l -> l.ffn() == FfnKind.DENSE);
        if (anyDense && intermediateSize <= 0) {
            throw new IllegalArgumentException("model " + id + " has dense layers but no intermediate size");
        }
        boolean anyLinear = layers.stream().anyMatch(LayerSpec::isLinearAttention);
        if (anyLinear && linearAttention == null) {
            throw new IllegalArgumentException("model " + id + " has linear-attention layers but no gated DeltaNet "
                    + "dimensions");
        }
    }

    /** Layers with a per-token KV cache (softmax attention). */
    public int attentionLayers() {
        return (int) layers.stream().filter(l -> !l.isLinearAttention()).count();
    }

    public int numLayers() {
        return layers.size();
    }

    public boolean isMoe() {
        return moe != null;
    }

    /** Consecutive-or-not identical layers merged, in first-seen order. */
    public List<LayerGroup> layerGroups() {
        return groupLayers(layers);
    }

    /** Groups the given layers (for example one pipeline stage) by identical spec. */
    public static List<LayerGroup> groupLayers(List<LayerSpec> layers) {
        List<LayerSpec> distinct = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (LayerSpec l : layers) {
            int i = distinct.indexOf(l);
            if (i < 0) {
                distinct.add(l);
                counts.add(1);
            } else {
                counts.set(i, counts.get(i) + 1);
            }
        }
        List<LayerGroup> groups = new ArrayList<>(distinct.size());
        for (int i = 0; i < distinct.size(); i++) {
            groups.add(new LayerGroup(distinct.get(i), counts.get(i)));
        }
        return List.copyOf(groups);
    }

    public ModelSpec withQuant(QuantScheme quant) {
        return new ModelSpec(id, name, source, architecture, hiddenSize, vocabSize, tiedEmbeddings, attention,
                intermediateSize, moe, layers, quant, maxContextTokens, linearAttention);
    }
}
