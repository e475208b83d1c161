package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.ops.StepBatch;

/**
 * Time of one engine step on one replica: what the serving simulator advances its clock by.
 * Implementations must be fast (the search evaluates hundreds of thousands of steps) and
 * thread-safe.
 */
@FunctionalInterface
public interface StepTimeModel {
    double stepMs(StepBatch batch);
}
