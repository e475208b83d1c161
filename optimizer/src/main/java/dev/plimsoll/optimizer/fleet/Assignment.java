package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * One slot of a workload's deployment: the solver picks its {@link FleetChoice}, an engine option
 * (an engine on a GPU type) with a replica count, or nothing. A workload has several slots, so its
 * demand may be split across GPU types when one type runs short.
 */
@PlanningEntity
public class Assignment {
    @PlanningId
    private String id;
    private FleetDemand demand;
    private List<FleetOption> options;
    private List<FleetChoice> choices;
    private int maxReplicas;

    @PlanningVariable(valueRangeProviderRefs = "choices")
    private FleetChoice choice;

    /** For the solver. */
    public Assignment() {
    }

    /**
     * @param maxReplicas replicas of one option the slot may take at most (each option also within
     *                    what its GPU type's stock holds, see {@link FleetSolver#problem})
     */
    public Assignment(String id, FleetDemand demand, List<FleetOption> options, int maxReplicas) {
        this(id, demand, options, maxReplicas, null);
    }

    /**
     * @param replicaCaps per option, the replicas it may take (null: {@code maxReplicas} for each)
     */
    Assignment(String id, FleetDemand demand, List<FleetOption> options, int maxReplicas, int[] replicaCaps) {
        this.id = id;
        this.demand = demand;
        this.options = List.copyOf(options);
        this.maxReplicas = maxReplicas;
        List<FleetChoice> all = new ArrayList<>();
        all.add(FleetChoice.NONE);
        for (int i = 0; i < this.options.size(); i++) {
            int cap = replicaCaps == null ? maxReplicas : Math.min(maxReplicas, replicaCaps[i]);
            for (int n = 1; n <= cap; n++) {
                all.add(new FleetChoice(this.options.get(i), n));
            }
        }
        this.choices = List.copyOf(all);
    }

    /** A slot with its choice already made (tests, exhaustive search). */
    public Assignment(String id, FleetDemand demand, List<FleetOption> options, int maxReplicas, FleetOption option,
                      int replicas) {
        this(id, demand, options, maxReplicas);
        setChoice(replicas == 0 ? FleetChoice.NONE : new FleetChoice(option, replicas));
    }

    @ValueRangeProvider(id = "choices")
    public List<FleetChoice> getChoices() {
        return choices;
    }

    public List<FleetOption> getOptions() {
        return options;
    }

    /** Replicas one option may take at most. */
    public int getMaxReplicas() {
        return maxReplicas;
    }

    public String getId() {
        return id;
    }

    public FleetDemand getDemand() {
        return demand;
    }

    public FleetChoice getChoice() {
        return choice;
    }

    public void setChoice(FleetChoice choice) {
        this.choice = choice;
    }

    /** The option deployed, null when the slot is empty or undecided. */
    public FleetOption getOption() {
        return choice == null ? null : choice.option();
    }

    public int replicaCount() {
        return choice == null ? 0 : choice.replicas();
    }

    public String gpuType() {
        FleetOption o = getOption();
        return o == null ? "" : o.gpuType();
    }

    public int gpus() {
        FleetOption o = getOption();
        return o == null ? 0 : replicaCount() * o.gpusPerReplica();
    }

    public long milliCapacity() {
        FleetOption o = getOption();
        return o == null ? 0 : replicaCount() * o.milliRatePerReplica();
    }

    public long costUnits() {
        FleetOption o = getOption();
        return o == null ? 0 : replicaCount() * o.costUnitsPerReplica();
    }

    @Override
    public String toString() {
        return id + ": " + choice;
    }
}
