package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import dev.plimsoll.optimizer.confirm.ProposalSimulator;
import dev.plimsoll.optimizer.confirm.SimulationOutcome;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.OfferedLoad;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.perfmodel.cost.CostModelProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plimsoll fleet}: several models, each with its load and SLA, on a GPU inventory. Builds each
 * workload's menu of engines ({@link FleetOptions}), gives each workload one slot per GPU type (at
 * most {@value #MAX_SLOTS}) so a demand can spill to another type, lets Timefold choose every slot's
 * engine and replica count under {@link FleetConstraints}, then simulates each deployed slot at its
 * share of the load.
 */
public final class FleetSolver {
    static final int MAX_SLOTS = 2;

    private final CostModelProvider costModels;
    private final SearchSpace space;
    private final TerminationConfig termination;

    /**
     * @param stepLimit steps without improvement after which the local search stops (deterministic);
     *                  {@code timeLimit} bounds it in wall time as well
     */
    public FleetSolver(CostModelProvider costModels, SearchSpace space, Duration timeLimit, int stepLimit) {
        this.costModels = costModels;
        this.space = space;
        this.termination = new TerminationConfig().withSpentLimit(timeLimit)
                .withUnimprovedStepCountLimit(stepLimit);
    }

    /** The problem for Timefold, every variable unset. */
    public FleetPlan problem(List<FleetWorkload> workloads, List<GpuStock> stocks, Map<String, List<FleetOption>> menu) {
        List<FleetDemand> demands = new ArrayList<>();
        List<Assignment> slots = new ArrayList<>();
        for (FleetWorkload w : workloads) {
            FleetDemand d = new FleetDemand(w.name(), Math.round(w.rate() * 1000));
            demands.add(d);
            List<FleetOption> options = menu.get(w.name());
            if (options.isEmpty()) {
                continue;
            }
            int types = (int) options.stream().map(FleetOption::gpuType).distinct().count();
            int max = maxReplicas(w, options, stocks);
            for (int s = 0; s < Math.min(MAX_SLOTS, types); s++) {
                slots.add(new Assignment(w.name() + "#" + s, d, options, max));
            }
        }
        return new FleetPlan(stocks, demands, slots);
    }

    /** Replicas one slot may take: enough for the whole demand on the weakest option, within the stock. */
    static int maxReplicas(FleetWorkload w, List<FleetOption> options, List<GpuStock> stocks) {
        int max = 0;
        for (FleetOption o : options) {
            int need = (int) Math.ceil(w.rate() / o.ratePerReplica() - 1e-9);
            int fit = 0;
            for (GpuStock s : stocks) {
                if (s.type().equals(o.gpuType())) {
                    fit = s.count() / o.gpusPerReplica();
                }
            }
            max = Math.max(max, Math.min(need, fit));
        }
        return Math.max(1, max);
    }

    /** Solves single-threaded with a fixed seed and a step-count stop, so equal problems give equal plans. */
    public FleetPlan solve(FleetPlan problem) {
        SolverConfig config = new SolverConfig().withSolutionClass(FleetPlan.class)
                .withEntityClasses(Assignment.class).withConstraintProviderClass(FleetConstraints.class)
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT).withRandomSeed(1L)
                .withTerminationConfig(termination);
        Solver<FleetPlan> solver = SolverFactory.<FleetPlan>create(config).buildSolver();
        return solver.solve(problem);
    }

    public FleetResult run(List<FleetWorkload> workloads, List<GpuStock> stocks) {
        long start = System.nanoTime();
        Map<String, List<FleetOption>> menu = new LinkedHashMap<>();
        for (FleetWorkload w : workloads) {
            menu.put(w.name(), FleetOptions.of(w, stocks, costModels, space));
        }
        FleetPlan solved = solve(problem(workloads, stocks, menu));
        return report(workloads, stocks, menu, solved, (System.nanoTime() - start) / 1_000_000);
    }

    private FleetResult report(List<FleetWorkload> workloads, List<GpuStock> stocks,
                               Map<String, List<FleetOption>> menu, FleetPlan solved, long ms) {
        List<FleetResult.WorkloadAllocation> out = new ArrayList<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        Map<String, Integer> inventory = new LinkedHashMap<>();
        for (GpuStock s : stocks) {
            used.put(s.type(), 0);
            inventory.put(s.type(), s.count());
        }
        double cost = 0;
        for (FleetWorkload w : workloads) {
            List<Assignment> mine = new ArrayList<>();
            double capacity = 0;
            for (Assignment a : solved.getAssignments()) {
                if (a.getDemand().workload().equals(w.name()) && a.replicaCount() > 0 && a.getOption() != null) {
                    mine.add(a);
                    capacity += a.replicaCount() * a.getOption().ratePerReplica();
                }
            }
            List<FleetResult.Deployed> deployed = new ArrayList<>();
            for (Assignment a : mine) {
                double share = w.rate() * a.replicaCount() * a.getOption().ratePerReplica() / capacity;
                deployed.add(confirm(w, a, Math.min(share, a.replicaCount() * a.getOption().ratePerReplica())));
                used.merge(a.gpuType(), a.gpus(), Integer::sum);
                cost += a.replicaCount() * a.getOption().costPerReplicaHour();
            }
            String reason = menu.get(w.name()).isEmpty()
                    ? "no engine on the inventory's GPU types meets " + w.sla().describe() : "";
            out.add(new FleetResult.WorkloadAllocation(w.name(), w.rate(), capacity, Math.max(0, w.rate() - capacity),
                    deployed, reason));
        }
        return new FleetResult(out, used, inventory, cost, String.valueOf(solved.getScore()), ms);
    }

    /** Simulates one slot's replicas at its share of the workload's rate. */
    private FleetResult.Deployed confirm(FleetWorkload w, Assignment a, double rate) {
        FleetOption o = a.getOption();
        PlanRequest r = new PlanRequest(w.model(), List.of(o.engine().candidate().gpu()), w.quants(),
                List.of(w.backend()), w.sizes(), new LoadTarget.Rate(Math.max(rate, 1e-3)), w.sla(), Mode.AGG, space,
                costModels, 0.9);
        // the simulator sizes its run from the request lifetime: TTFT and ITL at their bounds are an upper estimate
        double tokenMs = w.sla().tokenMs();
        Figures bounds = new Figures(w.sla().ttftMs(), tokenMs, tokenMs, 0, w.sla().ttftMs(), tokenMs, rate, 0, 0,
                1000.0 / tokenMs);
        Proposal p = new Proposal(Architecture.AGGREGATED,
                List.of(new PoolPlan(PoolPlan.AGGREGATED, o.engine(), a.replicaCount(), o.maxRunning())), null,
                new OfferedLoad(Math.max(rate, 1e-3), 0), bounds, null, null, null, "");
        SimulationOutcome s = new ProposalSimulator(r).simulate(p);
        return new FleetResult.Deployed(o, a.replicaCount(), s.figures().ttftMs(), s.figures().itlMs(), s.met());
    }
}
