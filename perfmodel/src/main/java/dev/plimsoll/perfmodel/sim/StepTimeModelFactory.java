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

    /** A model that does not depend on the engine settings. */
    static StepTimeModelFactory of(StepTimeModel model) {
        return engine -> model;
    }
}
