package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.confirm.Confirmer;
import dev.plimsoll.optimizer.pareto.ParetoFrontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The confirming pass: the simulator checks the analytic winners, the top configurations and the
 * frontier, in parallel, and only what it confirms is proposed. Candidates are examined in the
 * analytic order; the search for a winner stops once the next candidate's analytic figures cannot
 * beat the best confirmed one (a repair only adds cost or removes load).
 */
final class ConfirmationPhase {
    /** Candidates confirmed side by side per round (one per core on the target machine). */
    static final int BATCH = 2;
    /** Candidates examined for one winner at most. */
    static final int MAX_TRIES = 4;

    private final PlanRequest request;
    private final Confirmer confirmer;
    private final Comparator<Proposal> order;
    private final PlanProgress progress;
    private final Map<Proposal, Proposal> done = new IdentityHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private int expected;

    ConfirmationPhase(PlanRequest request, PlanProgress progress) {
        this.request = request;
        this.confirmer = new Confirmer(request);
        this.order = Objective.of(request);
        this.progress = progress;
    }

    int simulations() {
        return confirmer.simulations();
    }

    /** The confirmed winner among {@code sorted} (best first), or null. */
    Proposal winner(List<Proposal> sorted) {
        Proposal best = null;
        int tried = 0;
        int i = 0;
        while (i < sorted.size() && tried < MAX_TRIES) {
            List<Proposal> batch = new ArrayList<>();
            while (i < sorted.size() && batch.size() < BATCH) {
                Proposal c = sorted.get(i++);
                if (best != null && order.compare(c, best) >= 0) {
                    i = sorted.size();
                    break;
                }
                batch.add(c);
            }
            tried += batch.size();
            for (Proposal c : confirmAll(batch)) {
                if (c != null && (best == null || order.compare(c, best) < 0)) {
                    best = c;
                }
            }
        }
        return best == null ? null : confirmer.trim(best);
    }

    /** Up to {@code n} confirmed configurations of distinct layouts, best first. */
    List<Proposal> top(List<Proposal> sorted, int n, List<Proposal> already) {
        List<Proposal> out = new ArrayList<>();
        Set<String> layouts = new HashSet<>();
        for (Proposal p : already) {
            if (p != null && layouts.add(p.layoutKey())) {
                out.add(p);
            }
        }
        List<Proposal> pending = new ArrayList<>();
        for (Proposal p : sorted) {
            if (layouts.add(p.layoutKey())) {
                pending.add(p);
            }
        }
        int i = 0;
        int tries = 0;
        while (out.size() < n && i < pending.size() && tries < 3 * n) {
            List<Proposal> batch = pending.subList(i, Math.min(pending.size(), i + Math.max(BATCH, n - out.size())));
            i += batch.size();
            tries += batch.size();
            for (Proposal c : confirmAll(batch)) {
                if (c != null) {
                    out.add(c);
                }
            }
        }
        out.sort(order);
        return out.size() > n ? out.subList(0, n) : out;
    }

    /** The frontier of the confirmed points among an analytic frontier's spread. */
    List<Proposal> frontier(List<Proposal> analyticFrontier, List<Proposal> extra) {
        List<Proposal> points = ParetoFrontier.spread(analyticFrontier, request.space().maxFrontierPoints(),
                p -> p.analytic().tokensPerSPerUser());
        List<Proposal> confirmed = new ArrayList<>();
        for (Proposal c : confirmAll(points)) {
            if (c != null) {
                confirmed.add(c);
            }
        }
        for (Proposal p : extra) {
            if (p != null) {
                confirmed.add(p);
            }
        }
        return ParetoFrontier.of(confirmed, p -> p.figures().tokensPerSPerUser(),
                p -> p.figures().tokensPerSPerGpu());
    }

    void expect(int simulations) {
        expected += simulations;
    }

    private List<Proposal> confirmAll(List<Proposal> batch) {
        List<Proposal> todo = new ArrayList<>();
        synchronized (done) {
            for (Proposal p : batch) {
                if (!done.containsKey(p)) {
                    todo.add(p);
                }
            }
        }
        List<Proposal> results = todo.parallelStream().map(p -> {
            Proposal c = confirmer.confirm(p);
            progress.update("simulate", finished.incrementAndGet(), Math.max(expected, finished.get()));
            return c;
        }).collect(Collectors.toList());
        synchronized (done) {
            for (int k = 0; k < todo.size(); k++) {
                done.put(todo.get(k), results.get(k));
            }
            List<Proposal> out = new ArrayList<>();
            for (Proposal p : batch) {
                out.add(done.get(p));
            }
            return out;
        }
    }
}
