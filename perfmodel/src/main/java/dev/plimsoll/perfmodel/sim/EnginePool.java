package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.Objects;

/**
 * Identical engine replicas: the aggregated fleet, or the prefill or decode side of a
 * disaggregated deployment.
 *
 * @param engine    configuration of each replica
 * @param stepTimes step-time model of a replica, built from {@code engine}
 * @param workers   number of replicas
 */
public record EnginePool(EngineConfig engine, StepTimeModelFactory stepTimes, int workers) {
    public EnginePool {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(stepTimes, "stepTimes");
        if (workers < 1) {
            throw new UserInputException("a pool needs >= 1 worker, got " + workers);
        }
    }
}
