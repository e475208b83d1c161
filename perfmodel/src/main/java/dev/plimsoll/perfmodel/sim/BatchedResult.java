package dev.plimsoll.perfmodel.sim;

import java.util.List;

/**
 * A run's result and the statistics of each of its batches.
 *
 * @param result  the whole run
 * @param batches per batch, in time order
 */
public record BatchedResult(SimulationResult result, List<BatchStats> batches) {
    public BatchedResult {
        batches = List.copyOf(batches);
    }
}
