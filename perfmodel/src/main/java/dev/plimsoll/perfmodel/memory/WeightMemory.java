package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.parallel.ExpertSlots;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.parallel.PipelineStages;
import dev.plimsoll.perfmodel.specs.LayerSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import dev.plimsoll.perfmodel.specs.WeightTensor;

import java.util.List;

/**
 * Weight bytes one GPU holds: the fullest pipeline stage, its layers as the engine splits them
 * ({@link PipelineStages}) plus the embedding on the first stage and the LM head on the last.
 */
public final class WeightMemory {
    /** Embedding, LM head, router and norms stay in bf16 in every scheme in the specs. */
    static final double HIGH_PRECISION_BYTES = 2.0;

    private WeightMemory() {
    }

    /** With vLLM's split of uneven stages. */
    public static long bytesPerGpu(ModelSpec model, Parallelism p, ResolvedQuant quant) {
        return bytesPerGpu(model, p, quant, "vllm");
    }

    /** With the stage split of the engine {@code backendId}. */
    public static long bytesPerGpu(ModelSpec model, Parallelism p, ResolvedQuant quant, String backendId) {
        double vocabShard = (double) WeightInventory.embeddingElements(model) / p.tp() * HIGH_PRECISION_BYTES;
        double embedding = vocabShard;
        // a tied LM head reuses the embedding unless it sits on another stage
        double lmHead = model.tiedEmbeddings() && p.pp() == 1 ? 0 : vocabShard;
        if (p.pp() == 1) {
            return Math.round(layersBytes(model, model.layers(), p, quant) + embedding + lmHead);
        }
        int[] bounds = PipelineStages.bounds(PipelineStages.layers(model.numLayers(), p.pp(), backendId));
        double fullest = 0;
        for (int s = 0; s < p.pp(); s++) {
            List<LayerSpec> stage = model.layers().subList(bounds[s], bounds[s + 1]);
            double bytes = layersBytes(model, stage, p, quant) + (s == 0 ? embedding : 0)
                    + (s == p.pp() - 1 ? lmHead : 0);
            fullest = Math.max(fullest, bytes);
        }
        return Math.round(fullest);
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
