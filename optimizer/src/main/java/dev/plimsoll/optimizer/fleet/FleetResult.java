package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.optimizer.search.Confidence;

import java.util.List;
import java.util.Map;

/**
 * The fleet allocation.
 *
 * @param workloads   per workload: its deployment, what is left unserved and why
 * @param gpusUsed    GPUs used per type
 * @param inventory   GPUs available per type
 * @param costPerHour USD per hour of everything deployed
 * @param score       the solver's score (hard/medium/soft), for machines; {@link #explanation} says it
 *                    in words
 * @param solveMs     time in the solver and the confirming simulations
 * @param explanation the score per constraint, in words: which inventory limit binds, what demand is
 *                    unmet, what the fleet costs
 * @param inventoryUse per GPU type: who uses it and whether it binds
 */
public record FleetResult(List<WorkloadAllocation> workloads, Map<String, Integer> gpusUsed,
                          Map<String, Integer> inventory, double costPerHour, String score, long solveMs,
                          List<String> explanation, List<InventoryUse> inventoryUse) {
    public FleetResult {
        workloads = List.copyOf(workloads);
        explanation = List.copyOf(explanation);
        inventoryUse = List.copyOf(inventoryUse);
    }

    /**
     * @param name        the workload
     * @param rate        requests per second asked for
     * @param capacity    requests per second its replicas carry, as the simulator confirmed them
     * @param unmet       requests per second left unserved
     * @param deployments its slots with replicas
     * @param reason      why demand is unmet, in words; empty when all of it is served
     */
    public record WorkloadAllocation(String name, double rate, double capacity, double unmet,
                                     List<Deployed> deployments, String reason) {
        public WorkloadAllocation {
            deployments = List.copyOf(deployments);
        }
    }

    /**
     * @param option          the engine and GPU type
     * @param replicas        replica count
     * @param analyticRate    requests per second the analytic model gives these replicas
     * @param offeredRate     their share of the workload's rate, at most {@code analyticRate}
     * @param confirmedRate   requests per second the simulator confirmed them at (0 when it confirmed none)
     * @param simulatedTtftMs simulated TTFT at the SLA percentile at the confirmed rate (NaN when none)
     * @param simulatedItlMs  simulated ITL at the SLA percentile
     * @param confidence      the intervals of the confirmation, null when none
     */
    public record Deployed(FleetOption option, int replicas, double analyticRate, double offeredRate,
                           double confirmedRate,
                           double simulatedTtftMs, double simulatedItlMs, Confidence confidence) {
        public int gpus() {
            return replicas * option.gpusPerReplica();
        }

        public double costPerHour() {
            return replicas * option.costPerReplicaHour();
        }

        /** The simulator confirmed these replicas within the SLA at some load. */
        public boolean slaMet() {
            return confidence != null;
        }
    }

    /**
     * @param gpuType   the type
     * @param used      GPUs deployed
     * @param available GPUs in the inventory
     * @param binding   demand is unmet that these GPUs could serve, and too few are left for one more replica
     * @param users     GPUs per workload
     */
    public record InventoryUse(String gpuType, int used, int available, boolean binding, Map<String, Integer> users) {
        public InventoryUse {
            users = Map.copyOf(users);
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
