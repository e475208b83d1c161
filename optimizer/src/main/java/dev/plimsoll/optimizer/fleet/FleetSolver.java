package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.CartesianProductMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.perfmodel.cost.CostModelProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code plimsoll fleet}: several models, each with its load and SLA, on a GPU inventory. Builds each
 * workload's menu of engines ({@link FleetOptions}), gives each workload one slot per GPU type (at
 * most {@value #MAX_SLOTS}, at least one) so a demand can spill to another type, lets Timefold choose
 * every slot's engine and replica count under {@link FleetConstraints}, then has the simulator
 * confirm each deployed slot at its share of the load and explains the result
 * ({@link FleetReport}).
 */
public final class FleetSolver {
    static final int MAX_SLOTS = 2;

    private final CostModelProvider costModels;
    private final SearchSpace space;
    private final SolverFactory<FleetPlan> factory;

    /**
     * @param timeLimit longest the local search may run
     * @param stepLimit steps without improvement after which the local search stops (deterministic);
     *                  {@code timeLimit} bounds it in wall time as well
     */
    public FleetSolver(CostModelProvider costModels, SearchSpace space, Duration timeLimit, int stepLimit) {
        this.costModels = costModels;
        this.space = space;
        TerminationConfig termination = new TerminationConfig().withSpentLimit(timeLimit)
                .withUnimprovedStepCountLimit(stepLimit);
        // single changes, swaps, and two changes at once: moving demand from one slot to another (fewer
        // replicas on one GPU type, more on the other) passes through a state with demand unmet, which
        // the local search would not accept one change at a time
        LocalSearchPhaseConfig search = new LocalSearchPhaseConfig().withMoveSelectorConfig(
                new UnionMoveSelectorConfig().withMoveSelectors(new ChangeMoveSelectorConfig(),
                        new SwapMoveSelectorConfig(), new CartesianProductMoveSelectorConfig()
                                .withMoveSelectors(new ChangeMoveSelectorConfig(), new ChangeMoveSelectorConfig())));
        SolverConfig config = new SolverConfig().withSolutionClass(FleetPlan.class)
                .withEntityClasses(Assignment.class).withConstraintProviderClass(FleetConstraints.class)
                .withEnvironmentMode(EnvironmentMode.NO_ASSERT).withRandomSeed(1L)
                .withPhases(new ConstructionHeuristicPhaseConfig(), search)
                .withTerminationConfig(termination);
        this.factory = SolverFactory.create(config);
    }

    /** The problem for Timefold, every slot undecided; a workload without options gets one empty slot. */
    public FleetPlan problem(List<FleetWorkload> workloads, List<GpuStock> stocks, Map<String, List<FleetOption>> menu) {
        List<FleetDemand> demands = new ArrayList<>();
        List<Assignment> slots = new ArrayList<>();
        for (FleetWorkload w : workloads) {
            FleetDemand d = new FleetDemand(w.name(), Math.round(w.rate() * 1000));
            demands.add(d);
            List<FleetOption> options = menu.get(w.name());
            int types = (int) options.stream().map(FleetOption::gpuType).distinct().count();
            int max = maxReplicas(w, options, stocks);
            int[] caps = replicaCaps(w, options, stocks);
            for (int s = 0; s < Math.max(1, Math.min(MAX_SLOTS, types)); s++) {
                slots.add(new Assignment(w.name() + "#" + s, d, options, max, caps));
            }
        }
        return new FleetPlan(stocks, demands, slots);
    }

    /** Replicas one slot may take: enough for the whole demand on the weakest option, within the stock. */
    static int maxReplicas(FleetWorkload w, List<FleetOption> options, List<GpuStock> stocks) {
        int max = 0;
        for (int cap : replicaCaps(w, options, stocks)) {
            max = Math.max(max, cap);
        }
        return Math.max(1, max);
    }

    /** Per option: the replicas that carry the whole demand, or that its GPU type's stock holds if fewer. */
    static int[] replicaCaps(FleetWorkload w, List<FleetOption> options, List<GpuStock> stocks) {
        int[] caps = new int[options.size()];
        for (int i = 0; i < caps.length; i++) {
            FleetOption o = options.get(i);
            int need = (int) Math.ceil(w.rate() / o.ratePerReplica() - 1e-9);
            int fit = 0;
            for (GpuStock s : stocks) {
                if (s.type().equals(o.gpuType())) {
                    fit = s.count() / o.gpusPerReplica();
                }
            }
            caps[i] = Math.min(need, fit);
        }
        return caps;
    }

    /** Solves single-threaded with a fixed seed and a step-count stop, so equal problems give equal plans. */
    public FleetPlan solve(FleetPlan problem) {
        Solver<FleetPlan> solver = factory.buildSolver();
        return solver.solve(problem);
    }

    /** The score of a solved plan per constraint and match, with each match's justification. */
    public ScoreAnalysis<HardMediumSoftLongScore> analyze(FleetPlan solved) {
        return SolutionManager.<FleetPlan, HardMediumSoftLongScore>create(factory).analyze(solved);
    }

    /**
     * Builds the menu, solves, confirms and explains. Where the simulator confirms a slot only at
     * less than its share while GPUs are left, the options it refused are derated to what it
     * confirmed and the fleet is solved once more, as a plan adds a replica where one misses.
     */
    public FleetResult run(List<FleetWorkload> workloads, List<GpuStock> stocks) {
        long start = System.nanoTime();
        // Timefold compiles its constraint streams on the first solver of a JVM: overlap that with the menu
        CompletableFuture<Void> warm = CompletableFuture.runAsync(factory::buildSolver);
        Map<String, List<FleetOption>> menu = new LinkedHashMap<>();
        for (FleetWorkload w : workloads) {
            menu.put(w.name(), FleetOptions.of(w, stocks, costModels, space));
        }
        warm.join();
        FleetResult result = null;
        for (int round = 0; round < 2; round++) {
            FleetPlan solved = solve(problem(workloads, stocks, menu));
            result = new FleetReport(costModels, space, workloads, stocks, menu).of(solved, analyze(solved), start);
            Map<FleetOption, Double> shortfalls = shortfalls(result);
            if (shortfalls.isEmpty() || !gpusLeft(result)) {
                break;
            }
            menu = derated(menu, shortfalls);
        }
        return result;
    }

    /** Per option the simulator confirmed below its offered share: confirmed over offered. */
    private static Map<FleetOption, Double> shortfalls(FleetResult r) {
        Map<FleetOption, Double> out = new LinkedHashMap<>();
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            for (FleetResult.Deployed d : w.deployments()) {
                if (d.confirmedRate() < d.offeredRate() - 1e-6 && d.offeredRate() > 0) {
                    out.merge(d.option(), d.confirmedRate() / d.offeredRate(), Math::min);
                }
            }
        }
        return out;
    }

    private static boolean gpusLeft(FleetResult r) {
        for (Map.Entry<String, Integer> e : r.inventory().entrySet()) {
            if (r.gpusUsed().getOrDefault(e.getKey(), 0) < e.getValue()) {
                return true;
            }
        }
        return false;
    }

    /** The menu with each option of {@code ratios} carrying that share of its analytic rate per replica. */
    private static Map<String, List<FleetOption>> derated(Map<String, List<FleetOption>> menu,
                                                          Map<FleetOption, Double> ratios) {
        Map<String, List<FleetOption>> out = new LinkedHashMap<>();
        menu.forEach((w, options) -> {
            List<FleetOption> list = new ArrayList<>();
            for (FleetOption o : options) {
                Double ratio = ratios.get(o);
                list.add(ratio == null ? o : new FleetOption(o.workload(), o.engine(), o.ratePerReplica() * ratio,
                        o.maxRunning()));
            }
            out.put(w, list);
        });
        return out;
    }
}
