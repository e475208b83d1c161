package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.confirm.Confirmer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The confirming pass: the simulator checks the analytic winners, then the top configurations and
 * the frontier while a budget of simulation runs lasts, and only what it confirms is proposed.
 * Candidates for a winner are examined in the analytic order; the search stops once the next
 * candidate's analytic figures cannot beat the best confirmed one (a repair only adds cost or
 * removes load). Every confirmed configuration is kept, so the winner is the best of all of them.
 */
final class ConfirmationPhase {
    /** Candidates confirmed side by side per round (one per core on the target machine). */
    static final int BATCH = 2;
    /** Candidates examined for one winner at most; the stop rule usually ends the search sooner. */
    static final int MAX_TRIES = 8;
    /**
     * Simulation runs the top list and the frontier may take once the winners are confirmed: one or
     * two confirmations of two runs, what keeps the reference question within its one-second search
     * (a run of it costs about 25 ms of CPU). Points left over are shown as analytic only.
     */
    static final int EXTRA_RUNS = 4;

    private final PlanRequest request;
    private final Confirmer confirmer;
    private final Comparator<Proposal> order;
    private final PlanProgress progress;
    /** One confirmation per proposal, shared by every task that asks for it. */
    private final Map<Proposal, CompletableFuture<Proposal>> done = new IdentityHashMap<>();
    /** Every configuration the simulator confirmed, repaired and trimmed ones included. */
    private final List<Proposal> confirmed = new ArrayList<>();
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

    /** The best confirmed configuration among {@code sorted} (best first), or null; not trimmed. */
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
        return best;
    }

    /** One worker fewer per pool while the confirmation rule still holds (rate and concurrency targets). */
    Proposal trim(Proposal winner) {
        if (winner == null) {
            return null;
        }
        Proposal t = confirmer.trim(winner);
        if (t != winner) {
            record(t);
        }
        return t;
    }

    /**
     * Confirms {@code ordered} as they are (no repairs), one after the other, while the runs taken
     * since {@code startRuns} stay within {@link #EXTRA_RUNS}; returns the proposals tried (each
     * mapped to its confirmation, or to null when the simulator refused it). One after the other, so the same question always
     * spends its budget on the same points; each confirmation runs its seeds side by side.
     */
    Map<Proposal, Proposal> extras(List<Proposal> ordered, int startRuns) {
        Map<Proposal, Proposal> tried = new IdentityHashMap<>();
        for (Proposal p : ordered) {
            if (simulations() - startRuns >= EXTRA_RUNS) {
                break;
            }
            tried.put(p, confirmAsIs(p));
        }
        return tried;
    }

    /** Every confirmed configuration so far, best first (ties in a fixed order). */
    List<Proposal> confirmed() {
        List<Proposal> out;
        synchronized (confirmed) {
            out = new ArrayList<>(confirmed);
        }
        out.sort(order.thenComparing(Proposal::describe).thenComparing(Proposal::variantLabel));
        return out;
    }

    void expect(int simulations) {
        expected += simulations;
    }

    private List<Proposal> confirmAll(List<Proposal> batch) {
        return SideBySide.map(batch, this::confirm);
    }

    private void record(Proposal c) {
        synchronized (confirmed) {
            confirmed.add(c);
        }
    }

    /** {@code p} confirmed as it is, without repairs (a point listed beside the winners); null when refused. */
    private Proposal confirmAsIs(Proposal p) {
        synchronized (done) {
            CompletableFuture<Proposal> known = done.get(p);
            if (known != null) {
                return known.join();
            }
        }
        Proposal c = confirmer.confirm(p, 0);
        if (c != null) {
            record(c);
        }
        return c;
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
            if (c != null) {
                record(c);
            }
            progress.update("simulate", finished.incrementAndGet(), Math.max(expected, finished.get()));
            mine.complete(c);
            return c;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
