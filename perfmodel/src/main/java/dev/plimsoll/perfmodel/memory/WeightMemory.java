package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.parallel.ExpertSlots;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import dev.plimsoll.perfmodel.specs.WeightTensor;

import java.util.List;

/** Weight bytes one GPU holds: the fuller of the first (embedding) and last (LM head) stage. */
public final class WeightMemory {
    /** Embedding, LM head, router and norms stay in bf16 in every scheme in the specs. */
    static final double HIGH_PRECISION_BYTES = 2.0;

    private WeightMemory() {
    }

    public static long bytesPerGpu(ModelSpec model, Parallelism p, ResolvedQuant quant) {
        int perStage = model.numLayers() / p.pp();
        List<LayerSpec> first = model.layers().subList(0, perStage);
        List<LayerSpec> last = model.layers().subList(model.numLayers() - perStage, model.numLayers());
        double vocabShard = (double) WeightInventory.embeddingElements(model) / p.tp() * HIGH_PRECISION_BYTES;
        double embedding = vocabShard;
        // a tied LM head reuses the embedding unless it sits on another stage
        double lmHead = model.tiedEmbeddings() && p.pp() == 1 ? 0 : vocabShard;
        if (p.pp() == 1) {
            return Math.round(layersBytes(model, first, p, quant) + embedding + lmHead);
        }
        double firstStage = layersBytes(model, first, p, quant) + embedding;
        double lastStage = layersBytes(model, last, p, quant) + lmHead;
        return Math.round(Math.max(firstStage, lastStage));
    }

    private static double layersBytes(ModelSpec model, List<LayerSpec> layers, Parallelism p, ResolvedQuant quant) {
        double sum = 0;
        for (var g : ModelSpec.groupLayers(layers)) {
            double perLayer = 0;
            for (WeightTensor w : WeightInventory.layer(model, g.layer())) {
                perLayer += w.elements() * bytesPerElement(w, quant) / divisor(w, model, p);
            }
            sum += perLayer * g.count();
        }
        return sum;
    }

    private static double bytesPerElement(WeightTensor w, ResolvedQuant quant) {
        switch (w.group()) {
            case LINEAR: return quant.linear().weights().bytesPerElement();
            case EXPERT: return quant.experts().weights().bytesPerElement();
            default: return HIGH_PRECISION_BYTES;
        }
    }

    private static double divisor(WeightTensor w, ModelSpec model, Parallelism p) {
        switch (w.split()) {
            case TP: return p.tp();
            case TP_KV_HEADS: return Math.min(p.tp(), model.attention().numKvHeads());
            // redundant expert slots (ExpertSlots) add their copies to every rank
            case EXPERT_PARALLEL: return p.stageGpus() / ExpertSlots.replication(model, p);
            default: return 1.0;
        }
    }
}
