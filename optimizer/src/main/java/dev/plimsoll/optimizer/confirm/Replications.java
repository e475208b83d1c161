package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.ConfirmationSettings;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SideBySide;
import dev.plimsoll.optimizer.search.SlaTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Runs the confirming simulations of a proposal until the verdict is decided: the first
 * {@link ConfirmationSettings#minRuns()} independent runs (seeds 1, 2, ...) side by side, each cut
 * into batches; while an interval still straddles its bound, another run (the next seed) adds its
 * batches, up to {@link ConfirmationSettings#maxRuns()}; an interval still straddling there counts
 * as a miss. A proposal far inside its bounds is decided after the first runs. Batches of two runs
 * carry the spread between runs as well as within one, so a calm run cannot confirm alone.
 * Looking at the interval after every run tests more than once; the grid test
 * {@code ConfirmedPlansHoldTest} measures what the rule gives in re-simulated pass rate.
 *
 * <p>Inside a fork-join pool (the planner's), while the next seed runs, the seed after it is
 * offered to the pool ahead of need ({@link Ahead}): a core with nothing else to do runs it, and
 * when the verdict then needs it, it is ready. A run is a function of the proposal and its seed
 * alone, so the verdict, the figures and the count of runs it took are the same as one after the
 * other; a run taken ahead that the verdict did not need is dropped and not counted.
 */
final class Replications {
    private final ProposalSimulator simulator;
    private final SlaTarget sla;
    private final ConfirmationSettings settings;
    private final AtomicInteger runs;

    /** @param runs counts every simulation run a verdict used */
    Replications(ProposalSimulator simulator, SlaTarget sla, ConfirmationSettings settings, AtomicInteger runs) {
        this.simulator = simulator;
        this.sla = sla;
        this.settings = settings;
        this.runs = runs;
    }

    ReplicatedOutcome run(Proposal p) {
        int minBatch = ProposalSimulator.batchRequests(sla.quantile()) / 2;
        List<Long> first = LongStream.rangeClosed(1, settings.minRuns()).boxed().collect(Collectors.toList());
        List<SimulationOutcome> done = new ArrayList<>(SideBySide.map(first, seed -> simulate(p, seed)));
        runs.addAndGet(done.size());
        Ahead ahead = null;
        try {
            while (true) {
                ReplicatedOutcome out = ReplicatedOutcome.of(done, sla, settings.confidence(), minBatch);
                if (out.decided() || done.size() >= settings.maxRuns()) {
                    return out;
                }
                long seed = done.size() + 1;
                Ahead current = ahead != null && ahead.seed() == seed ? ahead : null;
                if (current != null) {
                    current.piece().take();
                }
                ahead = seed < settings.maxRuns() && ForkJoinTask.inForkJoinPool() ? Ahead.offer(this, p, seed + 1)
                        : null;
                done.add(current != null ? current.join() : simulate(p, seed));
                runs.incrementAndGet();
            }
        } finally {
            if (ahead != null) {
                ahead.drop();
            }
        }
    }

    private SimulationOutcome simulate(Proposal p, long seed) {
        return simulator.simulate(p, seed);
    }

    /** A run offered to the pool before the verdict asks for it. */
    private record Ahead(long seed, SideBySide.Piece<SimulationOutcome> piece) {
        static Ahead offer(Replications r, Proposal p, long seed) {
            return new Ahead(seed, SideBySide.start(() -> r.simulate(p, seed)));
        }

        /** The run: run here when no other core has started it, else waited for. */
        SimulationOutcome join() {
            return piece.await();
        }

        /** Not needed: withdrawn when no core has started it yet, else left to finish unread. */
        void drop() {
            piece.withdraw();
        }
    }
}
