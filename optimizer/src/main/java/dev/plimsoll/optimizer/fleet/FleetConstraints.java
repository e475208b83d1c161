package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * The fleet's rules: never more GPUs of a type than the inventory holds (hard); serve every
 * workload's rate within its SLA, penalising what is left unserved (medium); then the lowest cost
 * (soft). A replica's capacity is the analytic model's largest SLA-feasible rate for its engine.
 */
public final class FleetConstraints implements ConstraintProvider {
    public static final String INVENTORY = "GPU inventory";
    public static final String DEMAND = "unmet demand";
    public static final String COST = "cost";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory f) {
        return new Constraint[] {inventory(f), unmetDemand(f), cost(f)};
    }

    Constraint inventory(ConstraintFactory f) {
        return f.forEach(GpuStock.class)
                .join(Assignment.class, Joiners.equal(GpuStock::type, Assignment::gpuType))
                .groupBy((stock, a) -> stock, ConstraintCollectors.sumLong((stock, a) -> a.gpus()))
                .filter((stock, used) -> used > stock.count())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (stock, used) -> used - stock.count())
                .justifyWith((stock, used, score) -> new FleetJustifications.InventoryOverrun(stock.type(), used,
                        stock.count()))
                .asConstraint(INVENTORY);
    }

    Constraint unmetDemand(ConstraintFactory f) {
        return f.forEach(FleetDemand.class)
                .join(Assignment.class, Joiners.equal(FleetDemand::workload, a -> a.getDemand().workload()))
                .groupBy((d, a) -> d, ConstraintCollectors.sumLong((d, a) -> a.milliCapacity()))
                .filter((d, capacity) -> capacity < d.milliRate())
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, (d, capacity) -> d.milliRate() - capacity)
                .justifyWith((d, capacity, score) -> new FleetJustifications.UnmetDemand(d.workload(), d.milliRate(),
                        capacity))
                .asConstraint(DEMAND);
    }

    Constraint cost(ConstraintFactory f) {
        return f.forEach(Assignment.class)
                .filter(a -> a.costUnits() > 0)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, Assignment::costUnits)
                .justifyWith((a, score) -> new FleetJustifications.SlotCost(a.getDemand().workload(), a.getId(),
                        a.costUnits() / 10_000.0))
                .asConstraint(COST);
    }
}
