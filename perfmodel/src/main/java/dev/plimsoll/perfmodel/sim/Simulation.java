package dev.plimsoll.perfmodel.sim;

/**
 * The serving-engine simulator's entry point: a discrete-event simulation of aggregated or
 * disaggregated engines under a workload, answering TTFT, inter-token latency, throughput,
 * goodput and utilisation. Runs are independent and deterministic for a given seed; concurrent
 * runs need no coordination beyond thread-safe step-time models.
 */
public final class Simulation {
    private Simulation() {
    }

    public static SimulationResult run(SimulationConfig config) {
        return run(config, ProgressListener.NONE);
    }

    /**
     * @param progress told how far the run has come, from the simulating thread
     * @throws dev.plimsoll.perfmodel.error.UserInputException for a malformed trace or an empty workload
     */
    public static SimulationResult run(SimulationConfig config, ProgressListener progress) {
        return new SimulationRun(config, progress).run();
    }

    /**
     * A run whose measured requests are also counted per batch of send time (the statistics of each
     * batch; batches no measured request fell in are empty).
     */
    public static BatchedResult runBatched(SimulationConfig config, BatchWindows windows) {
        java.util.Objects.requireNonNull(windows, "windows");
        BatchStatistics batches = new BatchStatistics(windows);
        SimulationResult result = new SimulationRun(config, ProgressListener.NONE).observe(batches).run();
        return new BatchedResult(result, batches.batches());
    }

    /**
     * A run whose pools {@code hook} resizes while it runs (the autoscaler's replay): every
     * {@link ElasticPools#controlIntervalMs()} the hook sees the pools and may scale them; new
     * workers take requests after {@link ElasticPools#startupMs()}, removed ones drain. The
     * deployment's worker counts are the starting sizes.
     */
    public static SimulationResult runElastic(SimulationConfig config, ProgressListener progress, ElasticPools pools,
                                              ScalingHook hook) {
        java.util.Objects.requireNonNull(pools, "pools");
        java.util.Objects.requireNonNull(hook, "hook");
        return new SimulationRun(config, progress, pools, hook).run();
    }
}
