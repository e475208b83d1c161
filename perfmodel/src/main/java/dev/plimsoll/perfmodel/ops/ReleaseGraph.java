package dev.plimsoll.perfmodel.ops;

import java.util.Objects;

/**
 * What an engine release changes in a model's graph where releases differ.
 *
 * @param gdnInputProjections       how a gated DeltaNet layer projects its input
 * @param kvBProjInCheckpointFormat MLA's {@code kv_b_proj} kept in a block-FP8 checkpoint's format, so
 *                                  decode's two absorption BMMs run FP8 where the GPU has the kernel:
 *                                  TensorRT-LLM before 1.3 with a MoE backend other than TRTLLM
 *                                  ({@code ModelConfig.load_hf_quant_config} excluded {@code *kv_b_proj*}
 *                                  from FP8_BLOCK_SCALES only for TRTLLM, "a hack" until FP8 BMM was
 *                                  integrated; 1.3 excludes it always)
 * @param fp8Epilogues              TensorRT-LLM's attention and gated-MLP activation write the next GEMM's
 *                                  FP8 input ({@link TrtllmFusions}; releases from 1.1)
 * @param allReduceNormQuant        TensorRT-LLM's Llama layers fuse all-reduce, residual, RMSNorm and FP8
 *                                  quantisation ({@link TrtllmFusions}; releases from 1.1)
 */
public record ReleaseGraph(GdnInputProjections gdnInputProjections, boolean kvBProjInCheckpointFormat,
                           boolean fp8Epilogues, boolean allReduceNormQuant) {
    /** Today's releases. */
    public static final ReleaseGraph CURRENT = new ReleaseGraph(GdnInputProjections.MERGED_AND_SPLIT, false,
            true, true);

    public ReleaseGraph {
        Objects.requireNonNull(gdnInputProjections, "gdnInputProjections");
    }

    public ReleaseGraph withGdnInputProjections(GdnInputProjections projections) {
        return new ReleaseGraph(projections, kvBProjInCheckpointFormat, fp8Epilogues, allReduceNormQuant);
    }

    public ReleaseGraph withKvBProjInCheckpointFormat(boolean kept) {
        return new ReleaseGraph(gdnInputProjections, kept, fp8Epilogues, allReduceNormQuant);
    }

    /** A TensorRT-LLM release before these fusions (1.0 and earlier). */
    public ReleaseGraph withoutTrtllmFusions() {
        return new ReleaseGraph(gdnInputProjections, kvBProjInCheckpointFormat, false, false);
    }
}
