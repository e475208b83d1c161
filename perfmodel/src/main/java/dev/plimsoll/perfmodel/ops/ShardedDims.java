package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;

/**
 * Per-GPU dimensions of a model under a layout, computed once per layout.
 *
 * @param headsPerGpu        query heads on one GPU
 * @param kvHeadsPerGpu      KV heads on one GPU (replicated when tp exceeds the KV heads)
 * @param denseWidthPerGpu   dense FFN width on one GPU
 * @param sharedWidthPerGpu  shared-expert width (all shared experts) on one GPU
 * @param expertWidthPerGpu  one routed expert's width on one GPU (MoE TP)
 * @param vocabPerGpu        vocabulary shard of the LM head
 * @param tpCrossesDomain    attention TP group spans scale-up domains
 * @param stageCrossesDomain a stage's tp x dp group spans scale-up domains
 * @param ppCrossesDomain    pipeline stages sit in different scale-up domains
 */
public record ShardedDims(int headsPerGpu, int kvHeadsPerGpu, long denseWidthPerGpu, long sharedWidthPerGpu,
                          long expertWidthPerGpu, long vocabPerGpu, boolean tpCrossesDomain,
                          boolean stageCrossesDomain, boolean ppCrossesDomain) {

    public static ShardedDims of(ModelSpec model, Parallelism p, GpuSpec gpu) {
        AttentionSpec a = model.attention();
        int tp = p.tp();
        int heads = a.numHeads() / tp;
        int kvHeads = a.isMla() ? heads : Math.max(1, a.numKvHeads() / tp);
        long dense = model.intermediateSize() / tp;
        long shared = 0;
        long expert = 0;
        if (model.isMoe()) {
            shared = (long) model.moe().numSharedExperts() * model.moe().sharedIntermediateSize() / tp;
            expert = model.moe().expertIntermediateSize() / p.moeTp();
        }
        long vocab = (model.vocabSize() + tp - 1) / tp;
        int domain = gpu.scaleUpDomainGpus();
        return new ShardedDims(heads, kvHeads, dense, shared, expert, vocab, tp > domain,
                p.stageGpus() > domain, p.gpus() > domain);
    }
}
