package dev.plimsoll.perfmodel.specs;

/**
 * One weight matrix class of a layer, with how parallelism splits it.
 *
 * @param name     tensor name (q_proj, experts, ...)
 * @param elements elements of the whole tensor (all experts for the routed experts)
 * @param group    which quantisation applies
 * @param split    how it is divided across GPUs
 */
public record WeightTensor(String name, long elements, WeightGroup group, WeightSplit split) {

    /** Which part of a {@link QuantScheme} governs a tensor. */
    public enum WeightGroup {
        LINEAR,
        EXPERT,
        /** Embedding, LM head, router, norms: kept in bf16 by every scheme in the specs. */
        HIGH_PRECISION
    }

    /** How a tensor is spread over a stage's GPUs. */
    public enum WeightSplit {
        /** Column/row parallel over attention TP. */
        TP,
        /** K and V projections: split over TP up to the number of KV heads, replicated beyond. */
        TP_KV_HEADS,
        /** Routed experts: split over EP by expert and over MoE TP by width. */
        EXPERT_PARALLEL,
        /** Every GPU of the stage holds a full copy (MLA down-projections, router, norms). */
        REPLICATED
    }
}
