package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

/**
 * One {@code plimsoll estimate} question.
 *
 * @param model          architecture
 * @param gpu            GPU type
 * @param parallelism    layout of one replica
 * @param quant          stored quantisation (the model's default unless overridden)
 * @param backend        serving engine
 * @param cudaGraph      decode steps replay CUDA graphs (eager otherwise)
 * @param batch          concurrent requests per attention-DP rank
 * @param isl            input tokens per request
 * @param osl            output tokens per request
 * @param memoryFraction share of GPU memory the engine may use (vLLM gpu_memory_utilization)
 */
public record EstimateRequest(ModelSpec model, GpuSpec gpu, Parallelism parallelism, QuantScheme quant,
                              BackendProfile backend, boolean cudaGraph, int batch, int isl, int osl,
                              double memoryFraction) {
    /** Default share of GPU memory, vLLM's gpu_memory_utilization default of 0.9. */
    public static final double DEFAULT_MEMORY_FRACTION = 0.9;
}
