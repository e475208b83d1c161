package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.ConfirmationSettings;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SlaTarget;

import java.util.ArrayList;
import java.util.List;
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
 */
final class Replications {
    private final ProposalSimulator simulator;
    private final SlaTarget sla;
    private final ConfirmationSettings settings;
    private final AtomicInteger runs;

    /** @param runs counts every simulation run */
    Replications(ProposalSimulator simulator, SlaTarget sla, ConfirmationSettings settings, AtomicInteger runs) {
        this.simulator = simulator;
        this.sla = sla;
        this.settings = settings;
        this.runs = runs;
    }

    ReplicatedOutcome run(Proposal p) {
        int minBatch = ProposalSimulator.batchRequests(sla.quantile()) / 2;
        List<SimulationOutcome> done = new ArrayList<>(LongStream.rangeClosed(1, settings.minRuns()).parallel()
                .mapToObj(seed -> one(p, seed)).collect(Collectors.toList()));
        while (true) {
            ReplicatedOutcome out = ReplicatedOutcome.of(done, sla, settings.confidence(), minBatch);
            if (out.decided() || done.size() >= settings.maxRuns()) {
                return out;
            }
            done.add(one(p, done.size() + 1));
        }
    }

    private SimulationOutcome one(Proposal p, long seed) {
        runs.incrementAndGet();
        return simulator.simulate(p, seed);
    }
}
