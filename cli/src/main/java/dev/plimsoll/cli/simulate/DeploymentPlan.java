package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.Deployment;

import java.util.List;

/**
 * The fleet ready to simulate, with what went into it.
 *
 * @param deployment what the simulator runs
 * @param pools      one aggregated pool, or the prefill and the decode pool
 * @param kvLink     the KV transfer path of a disaggregated fleet, else null
 */
public record DeploymentPlan(Deployment deployment, List<PoolPlan> pools, KvLinkPlan kvLink) {
    public DeploymentPlan {
        pools = List.copyOf(pools);
    }

    public int gpus() {
        return pools.stream().mapToInt(PoolPlan::gpus).sum();
    }

    public double costPerHourUsd() {
        return pools.stream().mapToDouble(PoolPlan::costPerHourUsd).sum();
    }

    public boolean disaggregated() {
        return kvLink != null;
    }
}
