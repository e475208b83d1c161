package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.cost.StepTimeModel;

/**
 * Builds the step-time model of one engine from its configuration, so settings that change step
 * times (the CUDA-graph batch limit {@link EngineConfig#cudaGraphMaxBatch()}, attention-DP size,
 * speculative verification) reach the model. Called once per pool of a simulation.
 */
@FunctionalInterface
public interface StepTimeModelFactory {
    StepTimeModel create(EngineConfig engine);

    /**
     * The same models behind a {@link CachedStepTimes} memo, one per pool and run: for models
     * whose single evaluation costs microseconds or more.
     */
    default StepTimeModelFactory cached() {
        return engine -> new CachedStepTimes(create(engine));
    }

    /** A model that does not depend on the engine settings. */
    static StepTimeModelFactory of(StepTimeModel model) {
        return engine -> model;
    }
}
