package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** Why each fleet constraint scored what it did, one record per match (Timefold's score analysis). */
public final class FleetJustifications {
    private FleetJustifications() {
    }

    /**
     * More GPUs of a type deployed than the inventory holds.
     *
     * @param gpuType   the type
     * @param used      GPUs deployed
     * @param available GPUs in the inventory
     */
    public record InventoryOverrun(String gpuType, long used, int available)
            implements ConstraintJustification, Comparable<InventoryOverrun> {
        @Override
        public int compareTo(InventoryOverrun o) {
            return gpuType.compareTo(o.gpuType);
        }
    }

    /**
     * A workload's demand its replicas do not carry.
     *
     * @param workload       the workload
     * @param demandMilli    requests per second asked for, times 1000
     * @param capacityMilli  requests per second its replicas carry, times 1000
     */
    public record UnmetDemand(String workload, long demandMilli, long capacityMilli)
            implements ConstraintJustification, Comparable<UnmetDemand> {
        /** Requests per second left unserved. */
        public double unmetPerS() {
            return (demandMilli - capacityMilli) / 1000.0;
        }

        @Override
        public int compareTo(UnmetDemand o) {
            return workload.compareTo(o.workload);
        }
    }

    /**
     * What one slot of a workload costs.
     *
     * @param workload  the workload
     * @param slot      the slot
     * @param usdPerHour USD per hour of its replicas
     */
    public record SlotCost(String workload, String slot, double usdPerHour)
            implements ConstraintJustification, Comparable<SlotCost> {
        @Override
        public int compareTo(SlotCost o) {
            return slot.compareTo(o.slot);
        }
    }
}
