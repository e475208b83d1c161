package dev.plimsoll.optimizer.fleet;

import java.util.List;
import java.util.Map;

/**
 * The fleet allocation.
 *
 * @param workloads  per workload: its deployment and what is left unserved
 * @param gpusUsed   GPUs used per type
 * @param inventory  GPUs available per type
 * @param costPerHour USD per hour of everything deployed
 * @param score      the solver's score (hard/medium/soft)
 * @param solveMs    time in the solver
 */
public record FleetResult(List<WorkloadAllocation> workloads, Map<String, Integer> gpusUsed,
                          Map<String, Integer> inventory, double costPerHour, String score, long solveMs) {

    /**
     * @param name        the workload
     * @param rate        requests per second asked for
     * @param capacity    requests per second its replicas carry within the SLA
     * @param unmet       requests per second left unserved
     * @param deployments its slots with replicas
     * @param reason      why nothing could serve it, or empty
     */
    public record WorkloadAllocation(String name, double rate, double capacity, double unmet,
                                     List<Deployed> deployments, String reason) {
    }

    /**
     * @param option      the engine and GPU type
     * @param replicas    replica count
     * @param simulatedTtftMs simulated TTFT at the SLA percentile at this deployment's share of the load
     *                    (NaN when not simulated)
     * @param simulatedItlMs simulated ITL at the SLA percentile
     * @param slaMet      the simulation met the SLA
     */
    public record Deployed(FleetOption option, int replicas, double simulatedTtftMs, double simulatedItlMs,
                           boolean slaMet) {
        public int gpus() {
            return replicas * option.gpusPerReplica();
        }

        public double costPerHour() {
            return replicas * option.costPerReplicaHour();
        }
    }

    public double unmetTotal() {
        double u = 0;
        for (WorkloadAllocation w : workloads) {
            u += w.unmet();
        }
        return u;
    }
}
