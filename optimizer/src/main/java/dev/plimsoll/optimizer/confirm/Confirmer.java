package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.OfferedLoad;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.optimizer.search.SideBySide;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Confirms proposals with the simulator, strictly and with stated confidence: a proposal comes back
 * only when the upper bound of the confidence interval of every bounded latency percentile, over
 * independent replications ({@link Replications}), is within the SLA. One that misses is repaired
 * the way an operator would (another replica; another prefill worker for TTFT, another decode
 * worker for ITL; under a GPU budget, 5 % less load) and confirmed again, up to {@value #MAX_REPAIRS}
 * times. A winner may also be trimmed: one worker fewer is kept when its intervals, by the same
 * rule, are still within the SLA.
 */
public final class Confirmer {
    static final int MAX_REPAIRS = 2;
    /** Load kept per repair under a GPU budget. */
    static final double LOAD_STEP = 0.95;

    private final PlanRequest request;
    private final AtomicInteger simulations = new AtomicInteger();
    private final Replications replications;

    public Confirmer(PlanRequest request) {
        this.request = request;
        this.replications = new Replications(new ProposalSimulator(request), request.sla(),
                request.space().confirmation(), simulations);
    }

    /** Simulations run so far. */
    public int simulations() {
        return simulations.get();
    }

    /** The proposal with simulated figures that meet the SLA (possibly repaired), or null. */
    public Proposal confirm(Proposal p) {
        return confirm(p, MAX_REPAIRS);
    }

    /** As {@link #confirm(Proposal)}, with up to {@code maxRepairs} repairs. */
    public Proposal confirm(Proposal p, int maxRepairs) {
        Proposal attempt = p;
        List<String> steps = new ArrayList<>();
        for (int i = 0; i <= maxRepairs && attempt != null; i++) {
            Behind best = behindBestRouter(attempt);
            attempt = best.proposal();
            ReplicatedOutcome out = best.outcome();
            if (out.met()) {
                Proposal done = confirmed(attempt, out, steps);
                return best.comparison().isEmpty() ? done
                        : done.withSimulated(done.simulated(), done.confidence(), done.note() + "; "
                        + best.comparison());
            }
            Repair repair = repair(attempt, out);
            if (repair == null) {
                return null;
            }
            steps.add(repair.what);
            attempt = repair.proposal;
        }
        return null;
    }

    /**
     * Tries one worker fewer in each pool of a confirmed proposal (not under a GPU budget, where
     * every GPU is already used); keeps each removal the simulator accepts.
     */
    public Proposal trim(Proposal confirmed) {
        if (request.target() instanceof LoadTarget.TotalGpus) {
            return confirmed;
        }
        Proposal best = confirmed;
        for (int i = 0; i < best.pools().size(); i++) {
            PoolPlan pool = best.pools().get(i);
            if (pool.workers() <= 1) {
                continue;
            }
            List<PoolPlan> pools = new ArrayList<>(best.pools());
            pools.set(i, pool.withWorkers(pool.workers() - 1));
            Proposal fewer = rescaled(best.withPools(pools, best.load()));
            ReplicatedOutcome out = run(fewer);
            if (out.met()) {
                String note = simulated(out) + "; trimmed from " + pool.workers() + " to " + (pool.workers() - 1)
                        + " " + pool.role() + " workers";
                best = fewer.withSimulated(out.figures(), out.confidence(), note);
            }
        }
        return best;
    }

    private ReplicatedOutcome run(Proposal p) {
        return replications.run(p);
    }

    /** A proposal behind one router and what its replications concluded. */
    private record Behind(Proposal proposal, ReplicatedOutcome outcome, String comparison) {
    }

    /**
     * The proposal behind each router the search tries ({@link
     * dev.plimsoll.optimizer.search.ConfirmationSettings#routers()}), the best kept: one that meets
     * the SLA before one that does not, then the lowest worst ratio of an interval's upper bound to
     * its bound (the most margin), then the earlier in the list (round robin first, the simpler
     * frontend). With one router, just that run.
     */
    private Behind behindBestRouter(Proposal p) {
        List<Routing> routers = request.space().confirmation().routers();
        if (routers.size() == 1) {
            Proposal only = p.routing().equals(routers.get(0)) ? p : p.withRouting(routers.get(0));
            return new Behind(only, run(only), "");
        }
        // the routers' replications are independent: side by side, then judged in the routers' order
        List<Proposal> behinds = new ArrayList<>();
        for (Routing r : routers) {
            behinds.add(p.routing().equals(r) && p.simulated() == null ? p : p.withRouting(r));
        }
        List<ReplicatedOutcome> outs = SideBySide.map(behinds, this::run);
        Behind best = null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < routers.size(); i++) {
            Routing r = routers.get(i);
            Proposal behind = behinds.get(i);
            ReplicatedOutcome out = outs.get(i);
            seen.add(String.format(java.util.Locale.ROOT, "%s TTFT p%d <= %.1f ms%s", r.label(),
                    request.sla().percentile(), out.confidence().ttft().highMs(), out.met() ? "" : " (missed)"));
            Behind b = new Behind(behind, out, "");
            if (best == null || better(b.outcome(), best.outcome())) {
                best = b;
            }
        }
        return new Behind(best.proposal(), best.outcome(), "routers: " + String.join("; ", seen));
    }

    private boolean better(ReplicatedOutcome a, ReplicatedOutcome b) {
        if (a.met() != b.met()) {
            return a.met();
        }
        return margin(a) < margin(b);
    }

    /** The largest ratio of a bounded percentile's upper bound to its bound (below 1: met with room). */
    private double margin(ReplicatedOutcome out) {
        double worst = ratio(out.confidence().ttft().highMs(), request.sla().ttftMs());
        worst = Math.max(worst, ratio(out.confidence().itl().highMs(), request.sla().itlMs()));
        return Math.max(worst, ratio(out.confidence().e2e().highMs(), request.sla().e2eMs()));
    }

    private static double ratio(double highMs, double boundMs) {
        if (Double.isNaN(highMs) || Double.isInfinite(boundMs)) {
            return 0.0;
        }
        return highMs / boundMs;
    }

    private static String simulated(ReplicatedOutcome out) {
        return out.runs().size() + (out.runs().size() == 1 ? " run of " : " runs of ") + out.requestsPerRun()
                + " requests on " + out.slice() + " (" + out.batches() + " batches)";
    }

    private static Proposal confirmed(Proposal p, ReplicatedOutcome out, List<String> steps) {
        String note = simulated(out);
        if (!steps.isEmpty()) {
            note += "; repaired: " + String.join(", ", steps);
        }
        return p.withSimulated(out.figures(), out.confidence(), note);
    }

    private record Repair(Proposal proposal, String what) {
    }

    private Repair repair(Proposal p, ReplicatedOutcome out) {
        if (!out.complete() && out.ttftMet() && out.itlMet() && out.e2eMet()) {
            return null;
        }
        if (request.target() instanceof LoadTarget.TotalGpus) {
            OfferedLoad less = p.load().scaled(LOAD_STEP);
            return new Repair(rescaled(p.withPools(p.pools(), less)), "load x" + LOAD_STEP);
        }
        List<PoolPlan> pools = new ArrayList<>(p.pools());
        List<String> what = new ArrayList<>();
        if (p.architecture() == Architecture.AGGREGATED) {
            PoolPlan a = pools.get(0);
            pools.set(0, a.withWorkers(a.workers() + 1));
            what.add("+1 replica");
        } else {
            for (int i = 0; i < pools.size(); i++) {
                PoolPlan pool = pools.get(i);
                boolean grow = pool.role().equals(PoolPlan.PREFILL) ? !out.ttftMet() || !out.complete()
                        : !out.itlMet() || !out.e2eMet() || !out.complete();
                if (grow) {
                    pools.set(i, pool.withWorkers(pool.workers() + 1));
                    what.add("+1 " + pool.role() + " worker");
                }
            }
        }
        return new Repair(rescaled(p.withPools(pools, p.load())), String.join(", ", what));
    }

    /**
     * The analytic throughput figures of a proposal whose worker counts or load changed; under a
     * closed loop the running cap grows with the users each worker now holds.
     */
    static Proposal rescaled(Proposal p) {
        if (p.load().closedLoop()) {
            List<PoolPlan> pools = new ArrayList<>();
            for (PoolPlan pool : p.pools()) {
                if (pool.role().equals(PoolPlan.PREFILL)) {
                    pools.add(pool);
                } else {
                    int perRank = (int) Math.ceil((double) p.load().concurrency()
                            / (pool.workers() * pool.engine().ranks()));
                    pools.add(new PoolPlan(pool.role(), pool.engine(), pool.workers(),
                            Math.max(pool.maxRunning(), perRank)));
                }
            }
            p = p.withPools(pools, p.load());
        }
        Figures a = p.analytic();
        double osl = a.requestsPerS() > 0 ? a.outputTokensPerS() / a.requestsPerS() : 0;
        double tokens = p.load().requestsPerS() * osl;
        Figures f = new Figures(a.ttftMs(), a.tpotMs(), a.itlMs(), a.e2eMs(), a.ttftMeanMs(), a.itlMeanMs(),
                p.load().requestsPerS(), tokens, tokens / p.gpus(), a.tokensPerSPerUser());
        return new Proposal(p.architecture(), p.pools(), p.link(), p.load(), f, null, p.point(), p.diagnosis(),
                p.note(), null, p.routing());
    }
}
