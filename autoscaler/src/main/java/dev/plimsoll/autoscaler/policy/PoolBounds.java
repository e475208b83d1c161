package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.perfmodel.error.UserInputException;

/**
 * Limits of one pool.
 *
 * @param minReplicas   fewest workers (at least 1: a pool scaled to zero loses its queue)
 * @param maxReplicas   most workers
 * @param gpusPerWorker GPUs one worker holds (all its nodes for a multi-node worker)
 * @param gangSize      workers added or removed together (a LeaderWorkerSet group or a
 *                      multi-node worker scales whole); 1 for single workers
 */
public record PoolBounds(int minReplicas, int maxReplicas, int gpusPerWorker, int gangSize) {
    public PoolBounds {
        if (minReplicas < 1 || maxReplicas < minReplicas) {
            throw new UserInputException("pool bounds must satisfy 1 <= min <= max, got min " + minReplicas + ", max "
                    + maxReplicas);
        }
        if (gpusPerWorker < 1 || gangSize < 1) {
            throw new UserInputException("GPUs per worker and gang size must be >= 1, got " + gpusPerWorker + " and "
                    + gangSize);
        }
    }

    /** Rounds up to whole gangs, then into [min, max] (max rounded down to whole gangs). */
    public int clamp(int replicas) {
        int gangs = (int) Math.ceil(Math.max(replicas, minReplicas) / (double) gangSize);
        int n = gangs * gangSize;
        int maxWhole = Math.max(gangSize, (maxReplicas / gangSize) * gangSize);
        return Math.max(Math.min(n, maxWhole), Math.min(minReplicas, maxWhole));
    }
}
