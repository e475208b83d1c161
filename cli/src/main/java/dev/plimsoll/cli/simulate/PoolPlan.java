package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.EnginePool;

/**
 * One pool of identical replicas as it will be simulated.
 *
 * @param role    aggregated, prefill or decode
 * @param replica memory, KV and step times of one replica
 * @param engine  its engine settings after the user's overrides
 * @param workers replicas in the pool
 */
public record PoolPlan(String role, Replica replica, EngineConfig engine, int workers) {
    public EnginePool pool() {
        return new EnginePool(engine, replica.stepTimes(), workers);
    }

    public int gpus() {
        return workers * replica.gpus();
    }

    public double costPerHourUsd() {
        return gpus() * replica.spec().gpu().pricePerGpuHourUsd();
    }
}
