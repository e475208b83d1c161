package dev.plimsoll.perfmodel.ops;

import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

/**
 * Kernels TensorRT-LLM's dense decoder layers fuse with per-tensor FP8 weights, where its release does.
 *
 * <ul>
 *   <li>FP8 epilogues ({@link ReleaseGraph#fp8Epilogues()}): the attention op writes its output in
 *       FP8 when the KV cache is FP8 ({@code out_scale} = o_proj's input scale), and the gated MLP's
 *       {@code silu_and_mul} writes FP8 with the down projection's scale (PR #6540 / #7021, August
 *       2025), so o_proj and down_proj run no quantising kernel of their own.</li>
 *   <li>All-reduce + residual + RMSNorm + FP8 quantisation ({@link ReleaseGraph#allReduceNormQuant()}):
 *       Llama-3/4 at TP above 1 run each layer's two all-reduces as one kernel that also adds the
 *       residual, normalises and quantises the next GEMM's input (PR #6205, July 2025, modeling_llama.py
 *       PRE_MLP_FUSION / POST_MLP_FUSION, "Disable fusion for small models with a hidden size no
 *       greater than 4096"), so neither RMSNorm runs apart and qkv_proj and gate_up get their input in
 *       FP8.</li>
 * </ul>
 *
 * @param oProjQuantisedInput   o_proj's input arrives in FP8
 * @param downQuantisedInput    the MLP's down projection's input arrives in FP8
 * @param normsInAllReduce      the layer's two RMSNorms run inside the all-reduces
 * @param qkvGateUpQuantisedInput qkv_proj's and gate_up's inputs arrive in FP8
 */
record TrtllmFusions(boolean oProjQuantisedInput, boolean downQuantisedInput, boolean normsInAllReduce,
                     boolean qkvGateUpQuantisedInput) {
    static final TrtllmFusions NONE = new TrtllmFusions(false, false, false, false);
    /** modeling_llama.py's condition: {@code config.hidden_size > 4096}. */
    static final int FUSION_MIN_HIDDEN_EXCLUSIVE = 4096;

    static TrtllmFusions of(String backendId, ReleaseGraph release, ModelSpec model, Parallelism par,
                            ResolvedQuant quant) {
        if (!"trtllm".equals(backendId)) {
            return NONE;
        }
        boolean perTensorFp8 = quant.linear().compute() == ComputeDtype.FP8 && !quant.linear().blockScaled();
        boolean epilogues = release.fp8Epilogues() && perTensorFp8;
        boolean llama = model.architecture() != null && model.architecture().startsWith("Llama");
        boolean allReduce = release.allReduceNormQuant() && llama && par.tp() > 1
                && model.hiddenSize() > FUSION_MIN_HIDDEN_EXCLUSIVE;
        return new TrtllmFusions(epilogues && quant.kvCache() == NumberFormat.FP8, epilogues, allReduce,
                allReduce && perTensorFp8);
    }
}
