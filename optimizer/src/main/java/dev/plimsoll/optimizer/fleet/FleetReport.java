package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.MatchAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import dev.plimsoll.optimizer.confirm.Confirmer;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet allocation as a user reads it: every deployed slot confirmed by the simulator at its
 * share of the load (the rate it confirms is what the slot carries: the same rule as a plan's, with
 * the load lowered 5 % at a time where the analytic capacity does not hold), the score explained per
 * constraint from Timefold's score analysis, and each workload's unmet demand explained in words.
 */
final class FleetReport {
    /** Load steps of 5 % a slot's confirmation may take down from its analytic capacity (to 77 %). */
    static final int LOAD_STEPS = 5;

    private final CostModelProvider costModels;
    private final SearchSpace space;
    private final List<FleetWorkload> workloads;
    private final List<GpuStock> stocks;
    private final Map<String, List<FleetOption>> menu;

    FleetReport(CostModelProvider costModels, SearchSpace space, List<FleetWorkload> workloads, List<GpuStock> stocks,
                Map<String, List<FleetOption>> menu) {
        this.costModels = costModels;
        this.space = space;
        this.workloads = workloads;
        this.stocks = stocks;
        this.menu = menu;
    }

    FleetResult of(FleetPlan solved, ScoreAnalysis<HardMediumSoftLongScore> analysis, long startNanos) {
        Map<String, Integer> used = new LinkedHashMap<>();
        Map<String, Integer> inventory = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> users = new LinkedHashMap<>();
        for (GpuStock s : stocks) {
            used.put(s.type(), 0);
            inventory.put(s.type(), s.count());
            users.put(s.type(), new TreeMap<>());
        }
        List<Assignment> deployed = new ArrayList<>();
        for (Assignment a : solved.getAssignments()) {
            if (a.replicaCount() > 0 && a.getOption() != null) {
                deployed.add(a);
                used.merge(a.gpuType(), a.gpus(), Integer::sum);
                users.get(a.gpuType()).merge(a.getDemand().workload(), a.gpus(), Integer::sum);
            }
        }
        Map<Assignment, FleetResult.Deployed> confirmed = new LinkedHashMap<>();
        deployed.parallelStream().map(a -> Map.entry(a, confirm(workload(a), a, share(a, solved))))
                .forEachOrdered(e -> confirmed.put(e.getKey(), e.getValue()));
        List<FleetResult.InventoryUse> inventoryUse = inventoryUse(used, users, solved);
        List<FleetResult.WorkloadAllocation> out = new ArrayList<>();
        double cost = 0;
        for (FleetWorkload w : workloads) {
            List<FleetResult.Deployed> mine = new ArrayList<>();
            double analytic = 0;
            double capacity = 0;
            for (Map.Entry<Assignment, FleetResult.Deployed> e : confirmed.entrySet()) {
                if (e.getKey().getDemand().workload().equals(w.name())) {
                    FleetResult.Deployed d = e.getValue();
                    mine.add(d);
                    analytic += d.analyticRate();
                    capacity += d.confirmedRate();
                    cost += d.costPerHour();
                }
            }
            double served = Math.min(w.rate(), capacity);
            double unmet = Math.max(0, w.rate() - served);
            out.add(new FleetResult.WorkloadAllocation(w.name(), w.rate(), capacity, unmet < 1e-6 ? 0 : unmet, mine,
                    unmet < 1e-6 ? "" : reason(w, Math.min(w.rate(), analytic), capacity, inventoryUse)));
        }
        return new FleetResult(out, used, inventory, cost, String.valueOf(solved.getScore()),
                (System.nanoTime() - startNanos) / 1_000_000, explanation(analysis, inventoryUse, out),
                inventoryUse);
    }

    private FleetWorkload workload(Assignment a) {
        for (FleetWorkload w : workloads) {
            if (w.name().equals(a.getDemand().workload())) {
                return w;
            }
        }
        throw new IllegalStateException("no workload " + a.getDemand().workload());
    }

    /** The slot's share of its workload's rate: in proportion to its capacity, at most that capacity. */
    private static double share(Assignment a, FleetPlan solved) {
        double total = 0;
        for (Assignment b : solved.getAssignments()) {
            if (b.getDemand().workload().equals(a.getDemand().workload()) && b.getOption() != null) {
                total += b.replicaCount() * b.getOption().ratePerReplica();
            }
        }
        double mine = a.replicaCount() * a.getOption().ratePerReplica();
        double demand = a.getDemand().milliRate() / 1000.0;
        return Math.min(mine, demand * mine / total);
    }

    /** Confirms one slot's replicas at {@code rate}, 5 % less at a time while the simulator refuses it. */
    private FleetResult.Deployed confirm(FleetWorkload w, Assignment a, double rate) {
        FleetOption o = a.getOption();
        PlanRequest r = new PlanRequest(w.model(), List.of(o.engine().candidate().gpu()), w.quants(),
                List.of(w.backend()), w.sizes(), new LoadTarget.TotalGpus(a.gpus()), w.sla(), Mode.AGG, space,
                costModels, 0.9);
        // the simulator sizes its run from the request lifetime: TTFT and ITL at their bounds are an upper estimate
        double tokenMs = Math.min(w.sla().tokenMs(), 1000.0);
        Figures bounds = new Figures(w.sla().ttftMs(), tokenMs, tokenMs, 0, w.sla().ttftMs(), tokenMs, rate, 0, 0,
                1000.0 / tokenMs);
        Proposal p = new Proposal(Architecture.AGGREGATED,
                List.of(new PoolPlan(PoolPlan.AGGREGATED, o.engine(), a.replicaCount(), o.maxRunning())), null,
                new OfferedLoad(Math.max(rate, 1e-3), 0), bounds, null, null, null, "");
        Proposal c = new Confirmer(r).confirm(p, LOAD_STEPS);
        double analytic = a.replicaCount() * o.ratePerReplica();
        if (c == null) {
            return new FleetResult.Deployed(o, a.replicaCount(), analytic, rate, 0.0, Double.NaN, Double.NaN, null);
        }
        return new FleetResult.Deployed(o, a.replicaCount(), analytic, rate, c.load().requestsPerS(),
                c.simulated().ttftMs(),
                c.simulated().itlMs(), c.confidence());
    }

    /** Per GPU type: who uses it, and whether it binds (unmet demand it could serve, no room for a replica). */
    private List<FleetResult.InventoryUse> inventoryUse(Map<String, Integer> used,
                                                        Map<String, Map<String, Integer>> users, FleetPlan solved) {
        List<FleetResult.InventoryUse> out = new ArrayList<>();
        for (GpuStock s : stocks) {
            int free = s.count() - used.get(s.type());
            boolean binding = false;
            for (FleetWorkload w : workloads) {
                if (analyticUnmet(w, solved) <= 0) {
                    continue;
                }
                for (FleetOption o : menu.get(w.name())) {
                    if (o.gpuType().equals(s.type()) && o.gpusPerReplica() > free) {
                        binding = true;
                    }
                }
            }
            out.add(new FleetResult.InventoryUse(s.type(), used.get(s.type()), s.count(), binding, users.get(s.type())));
        }
        return out;
    }

    private static double analyticUnmet(FleetWorkload w, FleetPlan solved) {
        double cap = 0;
        for (Assignment a : solved.getAssignments()) {
            if (a.getDemand().workload().equals(w.name())) {
                cap += a.milliCapacity() / 1000.0;
            }
        }
        return w.rate() - cap;
    }

    /** Why a workload's demand is unmet, in words. */
    private String reason(FleetWorkload w, double analytic, double confirmed, List<FleetResult.InventoryUse> use) {
        List<FleetOption> options = menu.get(w.name());
        if (options.isEmpty()) {
            return "no engine on " + types() + " meets " + w.sla().describe() + " for " + w.model().id();
        }
        List<String> why = new ArrayList<>();
        if (analytic < w.rate() - 1e-6) {
            List<String> full = new ArrayList<>();
            for (FleetResult.InventoryUse u : use) {
                int smallest = Integer.MAX_VALUE;
                for (FleetOption o : options) {
                    if (o.gpuType().equals(u.gpuType())) {
                        smallest = Math.min(smallest, o.gpusPerReplica());
                    }
                }
                if (smallest == Integer.MAX_VALUE) {
                    continue;
                }
                int free = u.available() - u.used();
                full.add(free == 0 ? String.format(Locale.ROOT, "every %s is in use (%d of %d: %s)", u.gpuType(),
                        u.used(), u.available(), usersText(u.users()))
                        : String.format(Locale.ROOT, "%d %s left, fewer than the %d its smallest configuration within"
                        + " the SLA takes", free, u.gpuType(), smallest));
            }
            why.add(String.format(Locale.ROOT, "the inventory carries %.2f of %.2f req/s by the analytic model: %s",
                    analytic, w.rate(), full.isEmpty() ? "the solver left it unmet within its time limit"
                            : String.join("; ", full)));
        }
        if (confirmed < Math.min(analytic, w.rate()) - 1e-6) {
            why.add(String.format(Locale.ROOT, "the simulator confirms %.2f of the analytic %.2f req/s on these"
                    + " replicas within %s", confirmed, Math.min(analytic, w.rate()), w.sla().describe()));
        }
        return String.join("; ", why);
    }

    private String types() {
        List<String> t = new ArrayList<>();
        for (GpuStock s : stocks) {
            t.add(s.type());
        }
        return String.join(", ", t);
    }

    private static String usersText(Map<String, Integer> users) {
        List<String> parts = new ArrayList<>();
        users.forEach((w, n) -> parts.add(w + " " + n));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The score per constraint, in words, from Timefold's analysis and the confirmed figures. */
    private List<String> explanation(ScoreAnalysis<HardMediumSoftLongScore> analysis,
                                     List<FleetResult.InventoryUse> use, List<FleetResult.WorkloadAllocation> out) {
        List<String> lines = new ArrayList<>();
        ConstraintAnalysis<HardMediumSoftLongScore> inv = analysis.getConstraintAnalysis(FleetConstraints.INVENTORY);
        List<String> over = new ArrayList<>();
        if (inv != null && inv.matches() != null) {
            for (MatchAnalysis<HardMediumSoftLongScore> m : inv.matches()) {
                if (m.justification() instanceof FleetJustifications.InventoryOverrun o) {
                    over.add(o.gpuType() + " " + o.used() + " of " + o.available());
                }
            }
        }
        List<String> types = new ArrayList<>();
        for (FleetResult.InventoryUse u : use) {
            types.add(String.format(Locale.ROOT, "%s %d of %d%s", u.gpuType(), u.used(), u.available(),
                    u.binding() ? " (binds: demand is unmet and no replica fits in what is left)" : ""));
        }
        lines.add("GPU inventory (hard): " + (over.isEmpty() ? "within every count" : "over the count of "
                + String.join(", ", over)) + "; " + String.join(", ", types));
        ConstraintAnalysis<HardMediumSoftLongScore> dem = analysis.getConstraintAnalysis(FleetConstraints.DEMAND);
        List<String> unmetAnalytic = new ArrayList<>();
        if (dem != null && dem.matches() != null) {
            for (MatchAnalysis<HardMediumSoftLongScore> m : dem.matches()) {
                if (m.justification() instanceof FleetJustifications.UnmetDemand u) {
                    unmetAnalytic.add(String.format(Locale.ROOT, "%s %.2f", u.workload(), u.unmetPerS()));
                }
            }
        }
        double unmet = 0;
        List<String> unmetConfirmed = new ArrayList<>();
        for (FleetResult.WorkloadAllocation w : out) {
            unmet += w.unmet();
            if (w.unmet() > 0) {
                unmetConfirmed.add(String.format(Locale.ROOT, "%s %.2f", w.name(), w.unmet()));
            }
        }
        lines.add(String.format(Locale.ROOT, "unmet demand (medium): %s; confirmed by simulation: %s",
                unmetAnalytic.isEmpty() ? "none by the analytic capacities"
                        : String.join(", ", unmetAnalytic) + " req/s by the analytic capacities",
                unmet == 0 ? "none" : String.format(Locale.ROOT, "%.2f req/s (%s)", unmet,
                        String.join(", ", unmetConfirmed))));
        ConstraintAnalysis<HardMediumSoftLongScore> cost = analysis.getConstraintAnalysis(FleetConstraints.COST);
        Map<String, Double> perWorkload = new TreeMap<>();
        if (cost != null && cost.matches() != null) {
            for (MatchAnalysis<HardMediumSoftLongScore> m : cost.matches()) {
                if (m.justification() instanceof FleetJustifications.SlotCost c) {
                    perWorkload.merge(c.workload(), c.usdPerHour(), Double::sum);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, Double> e : perWorkload.entrySet()) {
            parts.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()));
            total += e.getValue();
        }
        lines.add(String.format(Locale.ROOT, "cost (soft): %.2f USD/h%s", total,
                parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
        return lines;
    }
}
