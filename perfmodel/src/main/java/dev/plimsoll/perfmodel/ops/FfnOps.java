package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.parallel.ExpertSlots;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.MoeSpec;
import dev.plimsoll.perfmodel.specs.Precision;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.List;

/** The feed-forward half of a decoder layer on one GPU, with the communication around it. */
final class FfnOps {
    /** SiLU(gate) x up reads two inputs and writes one output: 3 x 2 bytes per output element. */
    static final double GATED_ACT_BYTES_PER_ELEMENT = 6.0;
    /**
     * Kernels of one fused MoE block: top-k routing, token permutation/alignment, two grouped
     * GEMMs, activation, combine (vLLM fused_moe and SGLang fused_moe_triton).
     */
    static final int MOE_KERNELS = 6;

    private final ModelSpec model;
    private final Parallelism par;
    private final ShardedDims dims;
    private final ResolvedQuant quant;
    /** The shared expert runs inside the routed-expert kernel ({@link SharedExpertFusion}). */
    private final boolean sharedExpertFused;
    /** TensorRT-LLM's fused norms and FP8 epilogues around the dense MLP ({@link TrtllmFusions}). */
    private final TrtllmFusions fusions;

    FfnOps(ModelSpec model, Parallelism par, ShardedDims dims, ResolvedQuant quant, boolean sharedExpertFused,
           TrtllmFusions fusions) {
        this.model = model;
        this.par = par;
        this.dims = dims;
        this.quant = quant;
        this.sharedExpertFused = sharedExpertFused;
        this.fusions = fusions;
    }

    /** Tensor-parallel all-reduce of the attention output (Megatron-LM: one after attention). */
    void addAttentionReduce(List<Op> ops, long tokens, int repeat) {
        if (par.tp() > 1) {
            ops.add(OpFactory.collective("tp_allreduce", OpKind.ALL_REDUCE, tokens * model.hiddenSize(), 2,
                    par.tp(), dims.tpCrossesDomain(), repeat));
        }
    }

    void addNorm(List<Op> ops, long tokens, int repeat) {
        if (fusions.normsInAllReduce()) {
            return;
        }
        ops.add(OpFactory.elementwise("post_attention_norm", OpKind.ELEMENTWISE, tokens * model.hiddenSize(),
                AttentionOps.NORM_BYTES_PER_ELEMENT, 1, repeat));
    }

    void addDense(List<Op> ops, long tokens, int repeat) {
        long h = model.hiddenSize();
        long width = dims.denseWidthPerGpu();
        Precision p = quant.linear();
        ops.add(OpFactory.gemm("mlp_gate_up", tokens, 2 * width, h, p, repeat, fusions.qkvGateUpQuantisedInput()));
        ops.add(OpFactory.elementwise("mlp_act", OpKind.ELEMENTWISE, tokens * width, GATED_ACT_BYTES_PER_ELEMENT, 1,
                repeat));
        ops.add(OpFactory.gemm("mlp_down", tokens, h, width, p, repeat, fusions.downQuantisedInput()));
        addAttentionReduce(ops, tokens, repeat);
    }

    /**
     * MoE layer. With attention DP the stage's tokens of all ranks meet at the experts: pure EP
     * (ep = tp x dp) dispatches and combines with all-to-all (DeepEP style), otherwise the tokens
     * are all-gathered and the outputs reduce-scattered. Without attention DP every GPU holds all
     * tokens and one all-reduce sums the expert outputs (vLLM/SGLang EP over TP attention).
     */
    void addMoe(List<Op> ops, long tokensPerRank, int repeat) {
        MoeSpec moe = model.moe();
        long h = model.hiddenSize();
        int stage = par.stageGpus();
        long stageTokens = tokensPerRank * par.dp();
        ops.add(OpFactory.gemm(MoeOpNames.ROUTER, tokensPerRank, moe.numExperts(), h, Precision.BF16, repeat));
        boolean gathered = par.dp() > 1;
        boolean allToAll = gathered && par.ep() == stage;
        if (gathered) {
            if (allToAll) {
                int dispatchBytes = quant.experts().compute() == ComputeDtype.FP8 ? 1 : 2;
                ops.add(OpFactory.collective("ep_dispatch", OpKind.ALL_TO_ALL, tokensPerRank * moe.expertsPerToken() * h,
                        dispatchBytes, stage, dims.stageCrossesDomain(), repeat));
            } else {
                ops.add(OpFactory.collective("dp_all_gather", OpKind.ALL_GATHER, stageTokens * h, 2, stage,
                        dims.stageCrossesDomain(), repeat));
            }
        }
        ops.add(moeBlock(stageTokens, repeat));
        if (moe.numSharedExperts() > 0 && sharedExpertFused) {
            ops.add(fusedSharedExpert(tokensPerRank, repeat));
        } else if (moe.numSharedExperts() > 0) {
            addGatedMlp(ops, MoeOpNames.SHARED_EXPERT, tokensPerRank, dims.sharedWidthPerGpu(), quant.linear(), repeat);
        }
        if (gathered) {
            if (allToAll) {
                ops.add(OpFactory.collective("ep_combine", OpKind.ALL_TO_ALL, tokensPerRank * moe.expertsPerToken() * h,
                        2, stage, dims.stageCrossesDomain(), repeat));
            } else {
                // shared-expert partial sums join the same reduction
                ops.add(OpFactory.collective("dp_reduce_scatter", OpKind.REDUCE_SCATTER, stageTokens * h, 2, stage,
                        dims.stageCrossesDomain(), repeat));
            }
        } else if (stage > 1) {
            ops.add(OpFactory.collective("moe_allreduce", OpKind.ALL_REDUCE, tokensPerRank * h, 2, stage,
                    dims.stageCrossesDomain(), repeat));
        }
    }

    /**
     * Routed experts of one GPU. Tokens spread evenly over experts (balanced routing); weight
     * traffic covers only the local experts some token touches.
     */
    private Op moeBlock(long stageTokens, int repeat) {
        MoeSpec moe = model.moe();
        long h = model.hiddenSize();
        long width = dims.expertWidthPerGpu();
        Precision p = quant.experts();
        int localExperts = ExpertSlots.perRank(moe.numExperts(), par.ep());
        double assignments = (double) stageTokens * moe.expertsPerToken() / par.ep();
        double flops = assignments * 2.0 * 3.0 * h * width;
        double touched = localExperts * (moe.expectedExpertsTouched(stageTokens) / moe.numExperts());
        double weightBytes = touched * 3.0 * h * width * p.weights().bytesPerElement();
        double activationBytes = assignments * (2.0 * h + 3.0 * width) * OpFactory.ACT_BYTES;
        // each of the two grouped GEMMs quantises its input first (fused_moe's per_token_group_quant_fp8 /
        // scaled_fp8_quant calls in SGLang and vLLM)
        int kernels = MOE_KERNELS + 2 * OpFactory.activationQuantKernels(p);
        return new Op(MoeOpNames.ROUTED_EXPERTS, OpKind.MOE, p.compute(), flops, weightBytes + activationBytes, kernels,
                repeat, new OpShape.Moe(stageTokens, (int) h, moe.expertIntermediateSize(), moe.expertsPerToken(),
                moe.numExperts(), par.moeTp(), par.ep(), p));
    }

    /**
     * The shared expert as one more expert of the routed kernel that every token selects: its
     * weights and its share of the grouped GEMMs' work, no launch of its own.
     */
    private Op fusedSharedExpert(long tokens, int repeat) {
        long h = model.hiddenSize();
        long width = dims.sharedWidthPerGpu();
        Precision p = quant.experts();
        double flops = tokens * 2.0 * 3.0 * h * width;
        double weightBytes = 3.0 * h * width * p.weights().bytesPerElement();
        double bytes = weightBytes + tokens * (2.0 * h + 3.0 * width) * OpFactory.ACT_BYTES;
        return new Op(MoeOpNames.FUSED_SHARED_EXPERT, OpKind.ELEMENTWISE, p.compute(), flops, bytes, 0, repeat,
                new OpShape.Elementwise(tokens * width));
    }

    private void addGatedMlp(List<Op> ops, String name, long tokens, long widthPerGpu, Precision p, int repeat) {
        long h = model.hiddenSize();
        ops.add(OpFactory.gemm(name + "_gate_up", tokens, 2 * widthPerGpu, h, p, repeat));
        ops.add(OpFactory.elementwise(name + "_act", OpKind.ELEMENTWISE, tokens * widthPerGpu,
                GATED_ACT_BYTES_PER_ELEMENT, 1, repeat));
        ops.add(OpFactory.gemm(name + "_down", tokens, h, widthPerGpu, p, repeat));
    }
}
