package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;

/**
 * The kernel a table row was timed with, where an engine's launch chooses between kernels the tables
 * time at the same configuration: TensorRT-LLM's NVFP4 MoE ({@link Nvfp4MoeKernel}) and SGLang's
 * attention backends ({@link SglangAttentionBackend}). "" for every other row.
 */
final class LaunchChoices {
    private LaunchChoices() {
    }

    static String classOf(KernelFamily family, String kernelSource) {
        return switch (family) {
            case MOE -> Nvfp4MoeKernel.classOf(kernelSource);
            case CONTEXT_ATTENTION, GENERATION_ATTENTION -> SglangAttentionBackend.classOf(kernelSource);
            default -> "";
        };
    }
}
