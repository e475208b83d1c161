package dev.plimsoll.perfmodel.memory;

import dev.plimsoll.perfmodel.cost.BackendProfile;

/**
 * SGLang's {@code --mem-fraction-static} against the memory model's share of the GPU. SGLang's
 * fraction covers the weights and the KV pool: "mem_fraction_static = (model weights + KV cache
 * pool) / GPU memory capacity", a prefill chunk's activations and the CUDA-graph buffers living in
 * the rest (server_args.py, {@code _handle_gpu_memory_settings} docstring, v0.5.3 to v0.5.9). Its
 * model runner sizes the pool as {@code available_after_load - available_at_init x (1 -
 * mem_fraction_static)} (model_runner.py {@code profile_max_num_token}, v0.5.1 to v0.5.9): the
 * memory available at init is the GPU less what the distributed start-up took (the communication
 * buffers), and whatever the engine holds by the time it profiles (the weights and its framework
 * buffers: the backend profile's other reserve, AIConfigurator's measured {@code other_mem}) comes
 * out of the pool. So the pool is fraction x (capacity - buffers) - weights - framework reserve.
 * (How much of the framework reserve is taken before init, where it would leave the pool instead, is
 * not in the code; the CUDA context is, a few hundred MiB of it.) The memory model reads a fraction
 * as vLLM's gpu_memory_utilization, a share that holds the activations, the CUDA-graph pool and the
 * buffers as well; this converts between the two.
 */
public final class SglangMemoryFraction {
    private SglangMemoryFraction() {
    }

    /**
     * The memory model's share of the GPU for an engine launched with {@code memFractionStatic}.
     *
     * @param wholeGpu the engine's memory with the whole GPU usable (its activations and reserves)
     * @param backend  the engine's profile on that GPU
     * @param gpus     GPUs of the engine (communication buffers above one)
     */
    public static double shareOfGpu(MemoryBreakdown wholeGpu, BackendProfile backend, int gpus,
                                     double memFractionStatic) {
        double capacity = wholeGpu.capacityBytes();
        double buffers = buffers(backend, gpus);
        // activations, the CUDA-graph pool and the buffers; the framework reserve is inside the fraction
        double outside = wholeGpu.activationBytes() + wholeGpu.reservedBytes() - backend.otherReservedBytes();
        // one byte over, so that flooring the share back to bytes keeps every byte of the pool
        return Math.min(1.0, (memFractionStatic * (capacity - buffers) + outside + 1) / capacity);
    }

    /**
     * The --mem-fraction-static that gives SGLang the KV pool of {@code memory}: (weights + pool +
     * framework reserve) / (capacity - buffers), rounded down to the hundredth the command line
     * carries, so that the engine's pool is never larger than the one planned.
     */
    public static double memFractionStatic(MemoryBreakdown memory, BackendProfile backend, int gpus) {
        double held = memory.weightsBytes() + memory.kvCacheBytes() + backend.otherReservedBytes();
        double fraction = held / (memory.capacityBytes() - buffers(backend, gpus));
        return Math.floor(fraction * 100 + 1e-9) / 100.0;
    }

    private static double buffers(BackendProfile backend, int gpus) {
        return gpus > 1 ? backend.commBufferBytes() : 0;
    }
}
