package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.optimizer.search.BuiltEngine;

/**
 * One way to serve a workload: aggregated replicas of one engine on one GPU type, with the largest
 * rate a replica carries within the SLA (analytic model).
 *
 * @param workload     the workload's name
 * @param engine       the engine each replica runs
 * @param ratePerReplica requests per second one replica carries within the SLA
 * @param maxRunning   running-request cap per rank at that rate
 */
public record FleetOption(String workload, BuiltEngine engine, double ratePerReplica, int maxRunning) {
    public String gpuType() {
        return engine.candidate().gpu().id();
    }

    public int gpusPerReplica() {
        return engine.gpus();
    }

    /** USD per hour of one replica. */
    public double costPerReplicaHour() {
        return engine.gpus() * engine.pricePerGpuHour();
    }

    /** Capacity in milli-requests per second, the unit the solver's demand score counts in. */
    public long milliRatePerReplica() {
        return (long) Math.floor(ratePerReplica * 1000.0);
    }

    /** Cost in hundredths of a cent per hour, the unit the solver's cost score counts in. */
    public long costUnitsPerReplica() {
        return Math.round(costPerReplicaHour() * 10_000.0);
    }

    public String label() {
        return engine.candidate().label();
    }

    @Override
    public String toString() {
        return label();
    }
}
