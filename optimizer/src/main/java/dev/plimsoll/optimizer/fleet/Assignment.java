package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.CountableValueRange;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeFactory;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

import java.util.List;

/**
 * One slot of a workload's deployment: the solver picks the option (engine on a GPU type) and the
 * replica count. A workload has several slots, so its demand may be split across GPU types when
 * one type runs short.
 */
@PlanningEntity
public class Assignment {
    @PlanningId
    private String id;
    private FleetDemand demand;
    private List<FleetOption> options;
    private int maxReplicas;

    @PlanningVariable(valueRangeProviderRefs = "options")
    private FleetOption option;

    @PlanningVariable(valueRangeProviderRefs = "replicas")
    private Integer replicas;

    /** For the solver. */
    public Assignment() {
    }

    public Assignment(String id, FleetDemand demand, List<FleetOption> options, int maxReplicas) {
        this.id = id;
        this.demand = demand;
        this.options = List.copyOf(options);
        this.maxReplicas = maxReplicas;
    }

    /** A slot with its variables already set (tests, exhaustive search). */
    public Assignment(String id, FleetDemand demand, List<FleetOption> options, int maxReplicas, FleetOption option,
                      int replicas) {
        this(id, demand, options, maxReplicas);
        this.option = option;
        this.replicas = replicas;
    }

    @ValueRangeProvider(id = "options")
    public List<FleetOption> getOptions() {
        return options;
    }

    @ValueRangeProvider(id = "replicas")
    public CountableValueRange<Integer> getReplicaRange() {
        return ValueRangeFactory.createIntValueRange(0, maxReplicas + 1);
    }

    public String getId() {
        return id;
    }

    public FleetDemand getDemand() {
        return demand;
    }

    public FleetOption getOption() {
        return option;
    }

    public void setOption(FleetOption option) {
        this.option = option;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public int replicaCount() {
        return replicas == null ? 0 : replicas;
    }

    public String gpuType() {
        return option == null ? "" : option.gpuType();
    }

    public int gpus() {
        return option == null ? 0 : replicaCount() * option.gpusPerReplica();
    }

    public long milliCapacity() {
        return option == null ? 0 : replicaCount() * option.milliRatePerReplica();
    }

    public long costUnits() {
        return option == null ? 0 : replicaCount() * option.costUnitsPerReplica();
    }

    @Override
    public String toString() {
        return id + ": " + replicaCount() + " x " + option;
    }
}
