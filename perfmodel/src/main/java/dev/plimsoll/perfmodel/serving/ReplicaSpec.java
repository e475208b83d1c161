package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.Objects;

/**
 * One engine replica as a user would launch it.
 *
 * @param model          architecture
 * @param gpu            GPU type
 * @param parallelism    layout
 * @param quant          stored quantisation
 * @param backend        serving engine
 * @param cudaGraph      CUDA graphs captured
 * @param memoryFraction usable share of GPU memory
 */
public record ReplicaSpec(ModelSpec model, GpuSpec gpu, Parallelism parallelism, QuantScheme quant,
                          BackendProfile backend, boolean cudaGraph, double memoryFraction) {
    public ReplicaSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
    }

    /** The same launch with another usable share of GPU memory. */
    public ReplicaSpec withMemoryFraction(double fraction) {
        return new ReplicaSpec(model, gpu, parallelism, quant, backend, cudaGraph, fraction);
    }

    /**
     * The backend as the engine starts on this GPU and layout: the limits it sizes by the GPU
     * resolved ({@link BackendProfile#on}), the ones the launch set kept.
     */
    public BackendProfile resolvedBackend() {
        return backend.on(gpu, parallelism.stageGpus());
    }
}
