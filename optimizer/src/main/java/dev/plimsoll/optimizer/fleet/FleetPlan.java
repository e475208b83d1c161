package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

import java.util.List;

/**
 * The fleet allocation Timefold solves: GPU stocks and demands as facts, workload slots as
 * entities. Score: hard = GPUs used beyond the inventory, medium = demand left unserved
 * (milli-requests per second), soft = cost (1/10,000 USD per hour).
 */
@PlanningSolution
public class FleetPlan {
    @ProblemFactCollectionProperty
    private List<GpuStock> stocks;

    @ProblemFactCollectionProperty
    private List<FleetDemand> demands;

    @PlanningEntityCollectionProperty
    private List<Assignment> assignments;

    @PlanningScore
    private HardMediumSoftLongScore score;

    /** For the solver. */
    public FleetPlan() {
    }

    public FleetPlan(List<GpuStock> stocks, List<FleetDemand> demands, List<Assignment> assignments) {
        this.stocks = stocks;
        this.demands = demands;
        this.assignments = assignments;
    }

    public List<GpuStock> getStocks() {
        return stocks;
    }

    public List<FleetDemand> getDemands() {
        return demands;
    }

    public List<Assignment> getAssignments() {
        return assignments;
    }

    public HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftLongScore score) {
        this.score = score;
    }
}
