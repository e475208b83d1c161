package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.ops.ShardedDims;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

/**
 * Memory of one GPU: weights, activations of the largest step, engine reserves, and the KV pool
 * that is left within the usable fraction of the GPU (vLLM gpu_memory_utilization semantics).
 */
public final class MemoryModel {
    /**
     * Live bf16 activations per token and per element of width during the largest step: the
     * residual stream, the normed input and the attention output (3 x hidden), the QKV output and
     * the gate/up output, 2 bytes each. Matches the peak a profiling forward pass sees in vLLM's
     * determine_available_memory within the accuracy of its reserve.
     */
    static final double ACTIVATION_BYTES = 2.0;
    /** Logits are materialised in fp32 for sampling (vLLM v1 Sampler). */
    static final double LOGIT_BYTES = 4.0;

    private MemoryModel() {
    }

    /**
     * @param maxStepTokens  largest step in tokens (the token budget)
     * @param maxSequences   largest running batch (sampled tokens per step)
     * @param cudaGraph      CUDA graphs are captured
     * @param memoryFraction usable share of the GPU
     */
    public static MemoryBreakdown compute(ModelSpec model, GpuSpec gpu, Parallelism p, ResolvedQuant quant,
                                          BackendProfile backend, int maxStepTokens, int maxSequences,
                                          boolean cudaGraph, double memoryFraction) {
        if (!(memoryFraction > 0 && memoryFraction <= 1)) {
            throw new UserInputException("memory fraction must be in (0, 1], got " + memoryFraction);
        }
        long weights = WeightMemory.bytesPerGpu(model, p, quant, backend.id());
        long activations = activationBytes(model, gpu, p, maxStepTokens, maxSequences);
        long reserved = backend.otherReservedBytes() + (cudaGraph ? backend.cudaGraphPoolBytes() : 0)
                + (p.gpus() > 1 ? backend.commBufferBytes() : 0);
        long usable = (long) Math.floor(gpu.memoryBytes() * memoryFraction);
        long needed = weights + activations + reserved;
        if (needed > usable) {
            throw new UserInputException(String.format(
                    "%s does not fit on %s with %s: needs %.1f GB per GPU (weights %.1f, activations %.1f, "
                            + "reserved %.1f) but %.0f%% of %.1f GB is %.1f GB, short by %.1f GB",
                    model.id(), gpu.id(), p, gb(needed), gb(weights), gb(activations), gb(reserved),
                    memoryFraction * 100, gb(gpu.memoryBytes()), gb(usable), gb(needed - usable)));
        }
        return new MemoryBreakdown(weights, usable - needed, activations, reserved, gpu.memoryBytes());
    }

    static long activationBytes(ModelSpec model, GpuSpec gpu, Parallelism p, int maxStepTokens, int maxSequences) {
        ShardedDims d = ShardedDims.of(model, p, gpu);
        double width = 3.0 * model.hiddenSize();
        if (model.attention().isMla()) {
            var m = model.attention().mla();
            width += (double) d.headsPerGpu() * (m.qkHeadDim() * 2 + m.vHeadDim());
        } else {
            width += (double) (d.headsPerGpu() + 2 * d.kvHeadsPerGpu()) * model.attention().headDim();
        }
        if (model.linearAttention() != null) {
            // a gated DeltaNet layer holds its input projections and the convolved q, k, v at once
            var g = model.linearAttention();
            width = Math.max(width, 3.0 * model.hiddenSize()
                    + (double) (g.inputProjectionWidth() + g.convChannels()) / p.tp());
        }
        double ffn = 2.0 * d.denseWidthPerGpu();
        if (model.isMoe()) {
            // tokens routed to this GPU's experts, each with a gate/up output of the local width
            double routedPerToken = (double) model.moe().expertsPerToken() * p.dp() / p.ep();
            ffn = Math.max(ffn, routedPerToken * 2.0 * d.expertWidthPerGpu() + 2.0 * d.sharedWidthPerGpu());
        }
        width += ffn;
        double logits = (double) maxSequences * d.vocabPerGpu() * LOGIT_BYTES;
        return Math.round(maxStepTokens * width * ACTIVATION_BYTES + logits);
    }

    static double gb(double bytes) {
        return bytes / 1e9;
    }
}
