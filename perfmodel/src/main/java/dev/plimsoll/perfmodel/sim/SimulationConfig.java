package dev.plimsoll.perfmodel.sim;

import dev.plimsoll.perfmodel.workload.Workload;

import java.util.Objects;

/**
 * One simulation: a fleet, the clients that load it, the latency targets to score it against.
 */
public record SimulationConfig(Deployment deployment, Workload workload, SlaSpec sla, SimulationOptions options) {
    public SimulationConfig {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(options, "options");
    }

    /** {@code replicas} aggregated engines behind a router. */
    public static SimulationConfig aggregated(EngineConfig engine, StepTimeModelFactory stepTimes, int replicas,
                                              RouterKind router, Workload workload, SlaSpec sla) {
        return new SimulationConfig(new Deployment.Aggregated(new EnginePool(engine, stepTimes, replicas), router),
                workload, sla, SimulationOptions.DEFAULT);
    }

    public SimulationConfig withOptions(SimulationOptions newOptions) {
        return new SimulationConfig(deployment, workload, sla, newOptions);
    }
}
