package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.FfnKind;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.LayerGroup;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.Precision;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ops one step runs through the whole pipeline, per GPU: embedding, every layer (identical
 * layers as one op with a repeat count), pipeline hand-offs, LM head and sampling. Built once per
 * model and layout; {@link #ops(StepBatch)} is called per step and is allocation-light.
 */
public final class OperatorGraph {
    /** Embedding gather: read one bf16 row per token and write it. */
    static final double EMBEDDING_BYTES_PER_ELEMENT = 4.0;
    /**
     * Sampling reads fp32 logits a few times (temperature, softmax, top-p/top-k, argmax):
     * about 4 passes of 4 bytes, 4 kernels (vLLM v1 Sampler).
     */
    static final double SAMPLING_BYTES_PER_LOGIT = 16.0;
    static final int SAMPLING_KERNELS = 4;
    /** Where TensorRT-LLM's MLA wrapper dispatches FP8 absorption to fp8_block_scaling_bmm_out. */
    static final Set<String> FP8_BMM_CAPABILITIES = Set.of("8.9", "9.0", "12.0");

    private final ModelSpec model;
    private final Parallelism par;
    private final ShardedDims dims;
    private final List<LayerGroup> groups;
    private final AttentionOps attention;
    private final LinearAttentionOps linearAttention;
    private final FfnOps ffn;

    /** The graph as vLLM and SGLang run it (no engine-specific kernel fusion). */
    public OperatorGraph(ModelSpec model, GpuSpec gpu, Parallelism par, ResolvedQuant quant) {
        this(model, gpu, par, quant, "vllm");
    }

    /** The graph as engine {@code backendId} runs it ({@link QkNormKernels}), at today's releases. */
    public OperatorGraph(ModelSpec model, GpuSpec gpu, Parallelism par, ResolvedQuant quant, String backendId) {
        this(model, gpu, par, quant, backendId, ReleaseGraph.CURRENT);
    }

    /** The graph as a release of engine {@code backendId} runs it ({@link ReleaseGraph}). */
    public OperatorGraph(ModelSpec model, GpuSpec gpu, Parallelism par, ResolvedQuant quant, String backendId,
                         ReleaseGraph release) {
        this.model = model;
        this.par = par;
        this.dims = ShardedDims.of(model, par, gpu);
        this.groups = model.layerGroups();
        TrtllmFusions fusions = TrtllmFusions.of(backendId, release, model, par, quant);
        this.attention = new AttentionOps(model, dims, quant.linear(), quant.kvCache(), par.tp(),
                QkNormKernels.fusedWithRope(backendId),
                QkNormKernels.ropeInsideAttention(backendId, model.attention().qkNorm()),
                fp8Absorption(release, quant, gpu), fusions,
                Fp8KvPrefill.of(backendId, gpu, model.attention().headDim(), quant.kvCache(),
                        model.linearAttention() != null));
        this.linearAttention = new LinearAttentionOps(model, par.tp(), quant.linear(), release.gdnInputProjections());
        this.ffn = new FfnOps(model, par, dims, quant,
                SharedExpertFusion.applies(backendId, model, gpu, par, quant.experts()), fusions);
    }

    /**
     * Whether MLA decode's absorption BMMs run FP8: the release keeps {@code kv_b_proj} in the
     * checkpoint's format, the checkpoint is block-FP8, and the GPU is one where TensorRT-LLM calls
     * {@code fp8_block_scaling_bmm_out} (compute capability 8.9, 9.0 or 12.0; Blackwell's 10.x runs a
     * BF16 bmm on weights dequantised at load: AIConfigurator collector/trtllm/collect_mla_bmm.py).
     */
    static boolean fp8Absorption(ReleaseGraph release, ResolvedQuant quant, GpuSpec gpu) {
        return release.kvBProjInCheckpointFormat() && quant.linear().blockScaled()
                && FP8_BMM_CAPABILITIES.contains(gpu.computeCapability());
    }

    public ShardedDims dims() {
        return dims;
    }

    public Parallelism parallelism() {
        return par;
    }

    public ModelSpec model() {
        return model;
    }

    /** Every op of one step of {@code batch} (one attention-DP rank) through all pipeline stages. */
    public List<Op> ops(StepBatch batch) {
        List<Op> ops = new ArrayList<>(16 * groups.size() + 8);
        if (batch.isEmpty()) {
            return ops;
        }
        long tokens = batch.tokens();
        long h = model.hiddenSize();
        ops.add(OpFactory.elementwise("embedding", OpKind.EMBEDDING, tokens * h, EMBEDDING_BYTES_PER_ELEMENT, 1, 1));
        if (par.tp() > 1) {
            // vocabulary-parallel embedding sums the shards (vLLM VocabParallelEmbedding)
            ops.add(OpFactory.collective("embedding_allreduce", OpKind.ALL_REDUCE, tokens * h, 2, par.tp(),
                    dims.tpCrossesDomain(), 1));
        }
        for (LayerGroup g : groups) {
            addLayer(ops, batch, g, g.count());
        }
        if (par.pp() > 1) {
            ops.add(OpFactory.collective("pp_send_recv", OpKind.P2P, tokens * h, 2, 2, dims.ppCrossesDomain(),
                    par.pp() - 1));
        }
        long sampled = batch.sampledTokens();
        ops.add(OpFactory.elementwise("final_norm", OpKind.ELEMENTWISE, sampled * h,
                AttentionOps.NORM_BYTES_PER_ELEMENT, 1, 1));
        ops.add(OpFactory.gemm("lm_head", sampled, dims.vocabPerGpu(), h, Precision.BF16, 1));
        if (par.tp() > 1) {
            ops.add(OpFactory.collective("logits_all_gather", OpKind.ALL_GATHER, sampled * model.vocabSize(), 2,
                    par.tp(), dims.tpCrossesDomain(), 1));
        }
        ops.add(OpFactory.elementwise("sampling", OpKind.SAMPLING, sampled * model.vocabSize(),
                SAMPLING_BYTES_PER_LOGIT, SAMPLING_KERNELS, 1));
        return ops;
    }

    /** The layer groups of the model, in order: consecutive identical layers as one group. */
    public List<LayerGroup> groups() {
        return groups;
    }

    /** The ops of one layer of group {@code group} in a step of {@code batch}, each called once. */
    public List<Op> layerOps(StepBatch batch, int group) {
        List<Op> ops = new ArrayList<>(16);
        if (!batch.isEmpty()) {
            addLayer(ops, batch, groups.get(group), 1);
        }
        return ops;
    }

    private void addLayer(List<Op> ops, StepBatch batch, LayerGroup g, int repeat) {
        long tokens = batch.tokens();
        if (g.layer().isLinearAttention()) {
            linearAttention.add(ops, batch, repeat);
        } else {
            attention.add(ops, batch, g.layer().window(), repeat);
        }
        ffn.addAttentionReduce(ops, tokens, repeat);
        ffn.addNorm(ops, tokens, repeat);
        if (g.layer().ffn() == FfnKind.MOE) {
            ffn.addMoe(ops, tokens, repeat);
        } else {
            ffn.addDense(ops, tokens, repeat);
        }
    }
}
