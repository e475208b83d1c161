package dev.plimsoll.perfmodel.parallel;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.AttentionSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/** Rejects layouts that do not divide the model, naming every dimension that does not divide. */
public final class LayoutValidator {
    private LayoutValidator() {
    }

    public static void validate(ModelSpec model, Parallelism p) {
        List<String> problems = problems(model, p);
        if (!problems.isEmpty()) {
            throw new UserInputException("layout " + p + " does not fit " + model.id() + ": "
                    + String.join("; ", problems));
        }
    }

    public static List<String> problems(ModelSpec model, Parallelism p) {
        List<String> problems = new ArrayList<>();
        AttentionSpec a = model.attention();
        if (a.numHeads() % p.tp() != 0) {
            problems.add(a.numHeads() + " attention heads do not divide by tp " + p.tp());
        }
        if (!a.isMla()) {
            int kv = a.numKvHeads();
            // Engines replicate KV heads when tp exceeds them (vLLM QKVParallelLinear), which needs
            // tp to be a multiple of the KV heads.
            boolean divides = kv % p.tp() == 0 || p.tp() % kv == 0;
            if (!divides) {
                problems.add(kv + " KV heads and tp " + p.tp() + " do not divide one another");
            }
        }
        if (model.linearAttention() != null && model.linearAttention().numKeyHeads() % p.tp() != 0) {
            // vLLM and SGLang shard gated DeltaNet by key heads (and the value heads grouped with them)
            problems.add(model.linearAttention().numKeyHeads() + " linear-attention key heads do not divide by tp "
                    + p.tp());
        }
        // layers that do not divide are split unevenly, as the engines do (PipelineStages)
        if (p.pp() > model.numLayers()) {
            problems.add(model.numLayers() + " layers cannot fill pp " + p.pp() + " stages");
        }
        if (p.stageGpus() % p.ep() != 0) {
            problems.add("ep " + p.ep() + " does not divide the " + p.stageGpus() + " GPUs of a stage (tp x dp)");
        }
        if (model.isMoe()) {
            if (p.ep() > model.moe().numExperts()) {
                // EP that does not divide the experts runs with redundant slots (ExpertSlots); more
                // ranks than experts would leave a rank with copies only
                problems.add(model.moe().numExperts() + " experts cannot fill ep " + p.ep() + " ranks");
            }
            if (p.stageGpus() % p.ep() == 0) {
                int moeTp = p.moeTp();
                if (model.moe().expertIntermediateSize() % moeTp != 0) {
                    problems.add("expert width " + model.moe().expertIntermediateSize()
                            + " does not divide by MoE tp " + moeTp);
                }
            }
        } else if (p.ep() > 1) {
            problems.add("ep " + p.ep() + " needs a MoE model; " + model.id() + " is dense");
        }
        if (model.intermediateSize() > 0 && model.intermediateSize() % p.tp() != 0) {
            problems.add("FFN width " + model.intermediateSize() + " does not divide by tp " + p.tp());
        }
        return problems;
    }
}
