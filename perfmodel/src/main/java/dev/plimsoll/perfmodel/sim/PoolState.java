package dev.plimsoll.perfmodel.sim;

/**
 * One pool of an elastic simulation at a control instant, as its engines' gauges read.
 *
 * @param pool             aggregated, prefill or decode
 * @param readyWorkers     workers taking requests
 * @param startingWorkers  workers asked for, still loading
 * @param drainingWorkers  workers taking no new requests, finishing their own
 * @param runningRequests  requests in the running batches of ready and draining workers
 * @param waitingRequests  requests queued on them
 * @param kvUsage          mean share of KV blocks in use over the ready workers (0..1)
 * @param kvTokensPerWorker KV capacity of one worker, all its ranks
 * @param heldWorkerMs     worker-milliseconds held so far (starting, ready and draining workers)
 */
public record PoolState(String pool, int readyWorkers, int startingWorkers, int drainingWorkers, int runningRequests,
                        int waitingRequests, double kvUsage, long kvTokensPerWorker, double heldWorkerMs) {
    /** Workers counted against the desired size: ready plus starting. */
    public int provisionedWorkers() {
        return readyWorkers + startingWorkers;
    }
}
