package dev.plimsoll.gui.service;

import dev.plimsoll.optimizer.confirm.ProposalSimulator;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.SimulationResult;

/**
 * Simulates a planned deployment the way the planner confirmed it (same workload, load, slice and
 * request path; the first confirming run's seed), with the state of each pool sampled over time.
 */
public final class SimulateService {
    /** Sampling interval of the time series: fine enough for the tens of seconds a confirming run spans. */
    public static final double SAMPLE_INTERVAL_MS = 250;

    public SimulationResult simulate(PlanRequest plan, Proposal p) {
        return new ProposalSimulator(plan).run(p, SAMPLE_INTERVAL_MS);
    }
}
