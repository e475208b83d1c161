package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.memory.KvCacheModel;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.EnginePool;
import dev.plimsoll.perfmodel.sim.StepTimeModelFactory;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

/**
 * A replica ready to simulate or search: its memory, KV cache, engine limits and step times.
 *
 * @param spec       what was asked for
 * @param quant      what the GPU runs
 * @param memory     memory of one GPU
 * @param kv         KV bytes per token on one GPU
 * @param engine     the engine's scheduler limits, KV capacity per attention-DP rank
 * @param stepTimes  step-time model factory (CUDA-graph limit from the engine config)
 * @param stepModel  the step model at the engine's own CUDA-graph limit, for direct queries
 */
public record Replica(ReplicaSpec spec, ResolvedQuant quant, MemoryBreakdown memory, KvCacheModel kv,
                      EngineConfig engine, StepTimeModelFactory stepTimes, StepLatencyModel stepModel) {

    public int gpus() {
        return spec.parallelism().gpus();
    }

    /** The same replica under other scheduler limits (a launch configuration's flags). */
    public Replica withEngine(EngineConfig limits) {
        return new Replica(spec, quant, memory, kv, limits, stepTimes, stepModel);
    }

    /** {@code workers} identical replicas for the simulator. */
    public EnginePool pool(int workers) {
        return new EnginePool(engine, stepTimes, workers);
    }
}
