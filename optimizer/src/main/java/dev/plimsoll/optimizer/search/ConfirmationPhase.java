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
import java.util.concurrent.CompletableFuture;
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
    /** One confirmation per proposal, shared by every task that asks for it. */
    private final Map<Proposal, CompletableFuture<Proposal>> done = new IdentityHashMap<>();
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

    /** Up to {@code n} confirmed configurations of distinct layouts, best first: the winners and {@code confirmed}. */
    List<Proposal> top(List<Proposal> confirmed, int n, List<Proposal> winners) {
        List<Proposal> all = new ArrayList<>();
        for (Proposal p : winners) {
            if (p != null) {
                all.add(p);
            }
        }
        all.addAll(confirmed);
        all.sort(order);
        List<Proposal> out = new ArrayList<>();
        Set<String> layouts = new HashSet<>();
        for (Proposal p : all) {
            if (out.size() < n && layouts.add(p.layoutKey())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The Pareto frontier of the confirmed points among {@code points} and {@code extra}. */
    List<Proposal> frontier(List<Proposal> points, List<Proposal> extra) {
        List<Proposal> confirmed = new ArrayList<>();
        for (Proposal p : points) {
            Proposal c = confirm(p);
            if (c != null) {
                confirmed.add(c);
            }
        }
        confirmed.addAll(extra);
        return ParetoFrontier.of(confirmed, p -> p.figures().tokensPerSPerUser(),
                p -> p.figures().tokensPerSPerGpu());
    }

    void expect(int simulations) {
        expected += simulations;
    }

    private List<Proposal> confirmAll(List<Proposal> batch) {
        return batch.parallelStream().map(this::confirm).collect(Collectors.toList());
    }

    /** The confirmation of {@code p}, computed once even when several tasks ask for it. */
    Proposal confirm(Proposal p) {
        CompletableFuture<Proposal> mine = new CompletableFuture<>();
        CompletableFuture<Proposal> theirs;
        synchronized (done) {
            theirs = done.putIfAbsent(p, mine);
        }
        if (theirs != null) {
            return theirs.join();
        }
        try {
            Proposal c = confirmer.confirm(p);
            progress.update("simulate", finished.incrementAndGet(), Math.max(expected, finished.get()));
            mine.complete(c);
            return c;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
