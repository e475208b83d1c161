package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.specs.GpuSpec;

/** Chooses the op cost model for a GPU and engine: measured tables where present, else roofline. */
public interface CostModelProvider {
    /**
     * @param gpu     the GPU
     * @param backend the engine (its kernels are the ones measured)
     * @return a model of kernel times under CUDA-graph replay, the way measured tables time them
     */
    OpCostModel forGpu(GpuSpec gpu, BackendProfile backend);

    /** The analytic model only. */
    static CostModelProvider roofline() {
        return RooflineCostModel::new;
    }
}
