package dev.plimsoll.perfmodel.cost;

import java.util.Locale;

/**
 * The MoE kernel an engine was told to use for 4-bit MXFP4 experts on a GPU without FP4 tensor
 * cores, where vLLM has two: its default (the OpenAI Triton MXFP4 kernels) and Marlin, a
 * weight-only kernel that dequantises to bf16 inside the GEMM, chosen by
 * {@code VLLM_MXFP4_USE_MARLIN=1}.
 */
public enum MoeKernel {
    /** Whatever the engine picks by itself. */
    ENGINE_DEFAULT(""),
    /** Marlin (vLLM fused_marlin_moe; the kernel tables name it *marlin*). */
    MARLIN("marlin");

    private final String tableMarker;

    MoeKernel(String tableMarker) {
        this.tableMarker = tableMarker;
    }

    /** The kernel class a table's kernel_source belongs to: "marlin" for Marlin kernels, else "". */
    public static String classOf(String kernelSource) {
        return kernelSource.toLowerCase(Locale.ROOT).contains(MARLIN.tableMarker) ? MARLIN.tableMarker : "";
    }

    /** The kernel class to read in the tables; "" for any. */
    public String tableClass() {
        return tableMarker;
    }
}
