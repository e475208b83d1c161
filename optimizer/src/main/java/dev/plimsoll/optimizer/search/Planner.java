package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.analytic.Limit;
import dev.plimsoll.optimizer.pareto.ParetoFrontier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Answers {@code plimsoll plan}: enumerates engine configurations, prunes them with the analytic
 * models, sizes the survivors for the target load, and has the simulator confirm the winners, the
 * top configurations and the Pareto frontier. Runs on a fork-join pool of one thread per core.
 */
public final class Planner {

    public PlanResult plan(PlanRequest r) {
        return plan(r, PlanProgress.NONE);
    }

    public PlanResult plan(PlanRequest r, PlanProgress progress) {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            return pool.submit(() -> run(r, progress)).join();
        } finally {
            pool.shutdown();
        }
    }

    private PlanResult run(PlanRequest r, PlanProgress progress) {
        long start = System.nanoTime();
        List<EngineCandidate> candidates = CandidateEnumerator.enumerate(r);
        EngineBuilder builder = new EngineBuilder(r.model(), r.costModels(), r.memoryFraction());
        AtomicInteger built = new AtomicInteger();
        List<EngineBuilder.Result> results = candidates.parallelStream().map(c -> {
            EngineBuilder.Result res = builder.build(c);
            progress.update("build", built.incrementAndGet(), candidates.size());
            return res;
        }).collect(Collectors.toList());
        List<BuiltEngine> engines = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (EngineBuilder.Result res : results) {
            if (res.engine() != null) {
                engines.add(res.engine());
            } else {
                reasons.add(res.reason());
            }
        }
        if (engines.isEmpty()) {
            throw Infeasibility.nothingFits(r, candidates, reasons);
        }

        AnalyticSearch.Found found = new AnalyticSearch(r, progress).run(engines);
        List<Proposal> all = found.proposals();
        if (all.isEmpty()) {
            throw Infeasibility.noProposal(r, engines, found);
        }
        List<Proposal> agg = filter(all, Architecture.AGGREGATED);
        List<Proposal> disagg = filter(all, Architecture.DISAGGREGATED);
        List<Proposal> analyticFrontier = ParetoFrontier.of(all, p -> p.analytic().tokensPerSPerUser(),
                p -> p.analytic().tokensPerSPerGpu());
        List<String> notes = new ArrayList<>(notes(r, agg, disagg));

        Proposal bestAgg;
        Proposal bestDisagg;
        List<Proposal> frontier;
        List<Proposal> top;
        int simulations = 0;
        if (r.space().simulate()) {
            ConfirmationPhase confirm = new ConfirmationPhase(r, progress);
            List<Proposal> spread = ParetoFrontier.spread(analyticFrontier, r.space().maxFrontierPoints(),
                    p -> p.analytic().tokensPerSPerUser());
            List<Proposal> topCandidates = distinct(all, r.space().topN() + 2);
            confirm.expect(spread.size() + topCandidates.size() + 2);
            // winners, frontier points and top candidates all at once: one simulation per core at a time
            Proposal[] winners = new Proposal[2];
            List<Runnable> tasks = new ArrayList<>();
            tasks.add(() -> winners[0] = agg.isEmpty() ? null : confirm.winner(agg));
            tasks.add(() -> winners[1] = disagg.isEmpty() ? null : confirm.winner(disagg));
            for (Proposal p : spread) {
                tasks.add(() -> confirm.confirm(p));
            }
            for (Proposal p : topCandidates) {
                tasks.add(() -> confirm.confirm(p));
            }
            tasks.parallelStream().forEach(Runnable::run);
            bestAgg = winners[0];
            bestDisagg = winners[1];
            List<Proposal> confirmedTop = new ArrayList<>();
            for (Proposal p : topCandidates) {
                Proposal c = confirm.confirm(p);
                if (c != null) {
                    confirmedTop.add(c);
                }
            }
            top = confirm.top(confirmedTop, r.space().topN() + 2, java.util.Arrays.asList(bestAgg, bestDisagg));
            frontier = confirm.frontier(spread, top);
            simulations = confirm.simulations();
            if (!agg.isEmpty() && bestAgg == null) {
                notes.add("no aggregated configuration the analytic model kept was confirmed by the simulator");
            }
            if (!disagg.isEmpty() && bestDisagg == null) {
                notes.add("no disaggregated configuration the analytic model kept was confirmed by the simulator");
            }
            if (bestAgg == null && bestDisagg == null) {
                throw Infeasibility.noneConfirmed(r, all);
            }
        } else {
            bestAgg = agg.isEmpty() ? null : agg.get(0);
            bestDisagg = disagg.isEmpty() ? null : disagg.get(0);
            top = distinct(all, r.space().topN() + 2);
            frontier = ParetoFrontier.spread(analyticFrontier, r.space().maxFrontierPoints(),
                    p -> p.analytic().tokensPerSPerUser());
            notes.add("not simulated (--no-simulate): analytic figures only, the SLA is not confirmed");
        }

        Diagnoser diagnoser = new Diagnoser(r);
        Map<BuiltEngine, Limit> limits = found.limits();
        bestAgg = diagnose(diagnoser, limits, bestAgg);
        bestDisagg = diagnose(diagnoser, limits, bestDisagg);
        top = top.stream().map(p -> diagnose(diagnoser, limits, p)).collect(Collectors.toList());
        frontier = frontier.stream().map(p -> diagnose(diagnoser, limits, p)).collect(Collectors.toList());
        Reasons order = new Reasons(r);
        String aggReason = bestAgg == null ? null : order.reason(bestAgg, agg);
        String disaggReason = bestDisagg == null ? null : order.reason(bestDisagg, disagg);
        long searchMs = (System.nanoTime() - start) / 1_000_000;
        return new PlanResult(r, bestAgg, aggReason, bestDisagg, disaggReason, frontier, top, searchMs,
                candidates.size(), engines.size(), all.size(), simulations, notes);
    }

    private static Proposal diagnose(Diagnoser d, Map<BuiltEngine, Limit> limits, Proposal p) {
        if (p == null || p.diagnosis() != null) {
            return p;
        }
        PoolPlan main = p.architecture() == Architecture.AGGREGATED ? p.pool(PoolPlan.AGGREGATED)
                : p.pool(PoolPlan.DECODE);
        return p.withDiagnosis(d.diagnose(p, limits.get(main.engine())));
    }

    private static List<Proposal> filter(List<Proposal> all, Architecture a) {
        return all.stream().filter(p -> p.architecture() == a).collect(Collectors.toList());
    }

    private static List<Proposal> distinct(List<Proposal> sorted, int n) {
        List<Proposal> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Proposal p : sorted) {
            if (out.size() < n && seen.add(p.layoutKey())) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> notes(PlanRequest r, List<Proposal> agg, List<Proposal> disagg) {
        List<String> notes = new ArrayList<>();
        if (r.mode().includesAggregated() && agg.isEmpty()) {
            notes.add("no aggregated configuration meets the SLA at this load");
        }
        if (r.mode().includesDisaggregated() && disagg.isEmpty()) {
            notes.add("no disaggregated configuration meets the SLA at this load");
        }
        return notes;
    }

    /** Explains a winner against the runner-up of its kind. */
    private static final class Reasons {
        private final PlanRequest r;

        Reasons(PlanRequest r) {
            this.r = r;
        }

        String reason(Proposal winner, List<Proposal> kind) {
            Proposal runnerUp = null;
            for (Proposal p : kind) {
                if (!p.describe().equals(winner.describe())) {
                    runnerUp = p;
                    break;
                }
            }
            Figures f = winner.figures();
            String what;
            if (r.target() instanceof LoadTarget.TotalGpus) {
                what = String.format(Locale.ROOT, "serves the most load within %s: %.2f req/s (%.0f tokens/s)",
                        r.target().describe(), f.requestsPerS(), f.outputTokensPerS());
            } else {
                what = String.format(Locale.ROOT, "cheapest for %s within %s: %d GPUs, %.2f USD/h",
                        r.target().describe(), r.sla().describe(), winner.gpus(), winner.costPerHour());
            }
            StringBuilder sb = new StringBuilder(what);
            if (runnerUp != null) {
                sb.append(String.format(Locale.ROOT, " (next layout: %s, %d GPUs, %.2f USD/h by the analytic model)",
                        runnerUp.describe(), runnerUp.gpus(), runnerUp.costPerHour()));
            }
            if (winner.diagnosis() != null) {
                sb.append("; bottleneck ").append(winner.diagnosis().bottleneck().replace('_', ' ')).append(": ")
                        .append(winner.diagnosis().detail());
            }
            return sb.toString();
        }
    }
}
