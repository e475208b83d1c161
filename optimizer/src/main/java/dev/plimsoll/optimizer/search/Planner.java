package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.analytic.Limit;
import dev.plimsoll.optimizer.pareto.ParetoFrontier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Answers {@code plimsoll plan}: enumerates engine configurations, prunes them with the analytic
 * models, sizes the survivors for the target load, and has the simulator confirm the winners, the
 * top configurations and the Pareto frontier. Runs on a fork-join pool of one thread per core.
 */
public final class Planner {
    /** Spare workers at most, the fork-join pool's own default (ForkJoinPool's DEFAULT_COMMON_MAX_SPARES). */
    static final int MAX_SPARES = 256;

    public PlanResult plan(PlanRequest r) {
        return plan(r, PlanProgress.NONE);
    }

    public PlanResult plan(PlanRequest r, PlanProgress progress) {
        ForkJoinPool pool = pool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            return pool.submit(() -> run(r, progress)).join();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * One worker per core, and as many kept running: a worker that waits on a piece another worker
     * runs ({@link SideBySide}) is replaced by a spare for the pieces still queued. The plain pool
     * keeps only one worker running (minimumRunnable 1), so on two cores a waiting worker left its
     * core idle.
     */
    static ForkJoinPool pool(int cores) {
        return new ForkJoinPool(cores, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false, 0,
                cores + MAX_SPARES, cores, null, 60, TimeUnit.SECONDS);
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
        Map<String, List<String>> variants;
        int simulations = 0;
        Shortlist shortlist = new Shortlist(r);
        int rows = r.space().topN() + 2;
        if (r.space().simulate()) {
            ConfirmationPhase confirm = new ConfirmationPhase(r, progress);
            List<Proposal> spread = ParetoFrontier.spread(analyticFrontier, r.space().maxFrontierPoints(),
                    p -> p.analytic().tokensPerSPerUser());
            List<Proposal> topCandidates = distinct(all, rows);
            confirm.expect(spread.size() + topCandidates.size() + 2);
            // the winners first, side by side; then the top list and the frontier while the budget lasts
            List<Proposal> winners = SideBySide.map(List.of(agg, disagg), kind -> kind.isEmpty() ? null
                    : confirm.winner(kind));
            List<Proposal> extras = new ArrayList<>(topCandidates);
            for (Proposal p : spread) {
                boolean modeConfirmed = winners.get(p.architecture() == Architecture.AGGREGATED ? 0 : 1) != null;
                if (modeConfirmed && !extras.contains(p)) {
                    extras.add(p);
                }
            }
            Map<Proposal, Proposal> tried = confirm.extras(extras, confirm.simulations());
            // the winners are the best of everything confirmed, each trimmed once (finding: a cheaper
            // configuration the top list confirmed beats a repaired first candidate)
            bestAgg = confirm.trim(best(confirm.confirmed(), Architecture.AGGREGATED));
            bestDisagg = confirm.trim(best(confirm.confirmed(), Architecture.DISAGGREGATED));
            List<Proposal> confirmed = confirm.confirmed();
            java.util.Set<Proposal> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            tried.forEach((p, c) -> {
                if (c == null) {
                    refused.add(p);
                }
            });
            List<Proposal> untried = new ArrayList<>();
            for (Proposal p : extras) {
                if (!tried.containsKey(p)) {
                    untried.add(p);
                }
            }
            List<Proposal> listed = new ArrayList<>();
            for (Proposal p : confirmed) {
                if (!isSuperseded(p, bestAgg, bestDisagg)) {
                    listed.add(p);
                }
            }
            top = shortlist.top(winnersFirst(listed, bestAgg, bestDisagg), all, refused, rows);
            Proposal overall = better(r, bestAgg, bestDisagg);
            frontier = shortlist.frontier(listed, untried, bestAgg, bestDisagg, overall);
            List<Proposal> known = new ArrayList<>(all);
            known.addAll(confirmed);
            variants = shortlist.variants(top, known);
            simulations = confirm.simulations();
            if (!untried.isEmpty() || top.stream().anyMatch(p -> !p.confirmed())) {
                notes.add("rows marked analytic (* after the layout in the 100-column tables) were not simulated: the"
                        + " simulation budget went to the winners");
            }
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
            top = shortlist.top(List.of(), all, java.util.Set.of(), rows);
            frontier = ParetoFrontier.spread(analyticFrontier, r.space().maxFrontierPoints(),
                    p -> p.analytic().tokensPerSPerUser());
            variants = shortlist.variants(top, all);
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
                candidates.size(), engines.size(), all.size(), simulations, notes, variants);
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

    /** The first {@code n} proposals of distinct deployments (variants of one deployment count once). */
    private static List<Proposal> distinct(List<Proposal> sorted, int n) {
        List<Proposal> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Proposal p : sorted) {
            if (out.size() < n && seen.add(p.deploymentKey())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The best confirmed configuration of architecture {@code a} in {@code confirmed} (best first), or null. */
    private static Proposal best(List<Proposal> confirmed, Architecture a) {
        for (Proposal p : confirmed) {
            if (p.architecture() == a) {
                return p;
            }
        }
        return null;
    }

    /**
     * A confirmation of a winner's very engines with more workers (before its trim, or a repair
     * that added one): the winner serves the same for less, so it is not listed beside it.
     */
    private static boolean isSuperseded(Proposal p, Proposal bestAgg, Proposal bestDisagg) {
        for (Proposal w : new Proposal[] {bestAgg, bestDisagg}) {
            if (w != null && p != w && p.layoutKey().equals(w.layoutKey()) && p.gpus() > w.gpus()) {
                return true;
            }
        }
        return false;
    }

    /** {@code rest} with the winners at its head. */
    private static List<Proposal> winnersFirst(List<Proposal> rest, Proposal bestAgg, Proposal bestDisagg) {
        List<Proposal> out = new ArrayList<>();
        for (Proposal w : new Proposal[] {bestAgg, bestDisagg}) {
            if (w != null) {
                out.add(w);
            }
        }
        for (Proposal p : rest) {
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Proposal better(PlanRequest r, Proposal a, Proposal b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Objective.of(r).compare(a, b) <= 0 ? a : b;
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
