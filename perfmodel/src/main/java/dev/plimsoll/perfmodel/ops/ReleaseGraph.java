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
 */
public record ReleaseGraph(GdnInputProjections gdnInputProjections, boolean kvBProjInCheckpointFormat) {
    /** Today's releases. */
    public static final ReleaseGraph CURRENT = new ReleaseGraph(GdnInputProjections.MERGED_AND_SPLIT, false);

    public ReleaseGraph {
        Objects.requireNonNull(gdnInputProjections, "gdnInputProjections");
    }

    public ReleaseGraph withGdnInputProjections(GdnInputProjections projections) {
        return new ReleaseGraph(projections, kvBProjInCheckpointFormat);
    }

    public ReleaseGraph withKvBProjInCheckpointFormat(boolean kept) {
        return new ReleaseGraph(gdnInputProjections, kept);
    }
}
