package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.perfmodel.sim.BatchStats;

import java.util.List;

/**
 * What one confirming simulation found.
 *
 * @param figures   the deployment's figures at its load (latencies at the SLA percentile over
 *                  every measured request)
 * @param ttftMet   time to first token within its bound
 * @param itlMet    the per-token latencies (ITL and TPOT) within their bounds
 * @param e2eMet    end-to-end latency within its bound
 * @param complete  every request was admitted and finished
 * @param requests  requests simulated
 * @param slice     how the deployment was simulated (its workers, or a proportional slice)
 * @param batches   the measured requests' latencies per batch of send time, in time order
 */
public record SimulationOutcome(Figures figures, boolean ttftMet, boolean itlMet, boolean e2eMet, boolean complete,
                                long requests, String slice, List<BatchStats> batches) {
    public SimulationOutcome {
        batches = List.copyOf(batches);
    }

    /** This one run's point estimates within every bound, every request served. */
    public boolean met() {
        return ttftMet && itlMet && e2eMet && complete;
    }
}
