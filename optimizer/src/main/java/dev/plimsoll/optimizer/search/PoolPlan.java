package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.sim.EngineConfig;

/**
 * One pool of identical engine workers in a proposed deployment.
 *
 * @param role       aggregated, prefill or decode
 * @param engine     the engine each worker runs
 * @param workers    worker (replica) count
 * @param maxRunning running-request cap per attention-DP rank (max-num-seqs); also the largest
 *                   CUDA-graph batch
 */
public record PoolPlan(String role, BuiltEngine engine, int workers, int maxRunning) {
    public static final String AGGREGATED = "aggregated";
    public static final String PREFILL = "prefill";
    public static final String DECODE = "decode";

    public int gpusPerWorker() {
        return engine.gpus();
    }

    public int gpus() {
        return workers * engine.gpus();
    }

    public double costPerHour() {
        return gpus() * engine.pricePerGpuHour();
    }

    public EngineConfig engineConfig() {
        return engine.engineConfig(maxRunning);
    }

    public PoolPlan withWorkers(int n) {
        return new PoolPlan(role, engine, n, maxRunning);
    }
}
