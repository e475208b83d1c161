package dev.plimsoll.perfmodel.cost;

/**
 * The kernel TensorRT-LLM runs for NVFP4 experts, which its launch chooses with
 * {@code moe_config.backend}: CUTLASS, the engine's default (TensorRT-LLM's DeepSeek-R1 deployment
 * guide: "The default moe backend is CUTLASS"; {@code ModelConfig.resolve_moe_backend} resolves
 * {@code AUTO} to CUTLASS for every NVFP4 model but gpt-oss), or TRTLLM, the trtllm-gen kernels.
 * AIConfigurator's TensorRT-LLM collector times NVFP4 MoE both ways on Blackwell
 * ({@code collector/trtllm/collect_moe.py}: its min-latency mode sets {@code moe_backend = "trtllm"}
 * and labels the rows {@code moe_torch_flow_min_latency}, the others {@code moe_torch_flow_cutlass}),
 * at the same shapes, and the two differ by up to three times.
 */
public enum Nvfp4MoeKernel {
    /**
     * The launch does not say which: the tables' fastest at each shape (a row's launch that Plimsoll
     * does not know, and {@code estimate} and {@code plan}, which assume the faster choice is made).
     */
    ANY("", ""),
    /** {@code moe_config.backend: CUTLASS}. */
    CUTLASS("cutlass", "moe_torch_flow_cutlass"),
    /** {@code moe_config.backend: TRTLLM} (trtllm-gen). */
    TRTLLM_GEN("trtllm_gen", "moe_torch_flow_min_latency");

    private final String tableClass;
    private final String kernelSource;

    Nvfp4MoeKernel(String tableClass, String kernelSource) {
        this.tableClass = tableClass;
        this.kernelSource = kernelSource;
    }

    /** The kernel class to read in the tables; "" for any. */
    public String tableClass() {
        return tableClass;
    }

    /**
     * The class of a table row's {@code kernel_source} among these launch choices: "cutlass" or
     * "trtllm_gen" for the two TensorRT-LLM collector labels above, "" for every other kernel.
     */
    public static String classOf(String kernelSource) {
        for (Nvfp4MoeKernel k : values()) {
            if (!k.kernelSource.isEmpty() && k.kernelSource.equals(kernelSource)) {
                return k.tableClass;
            }
        }
        return "";
    }
}
