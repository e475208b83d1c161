package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.memory.KvCacheModel;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.memory.MemoryModel;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.sim.EngineConfig;
import dev.plimsoll.perfmodel.sim.StepTimeModelFactory;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

/**
 * Builds {@link Replica}s: validates the layout, sizes memory and the KV pool, and wires the
 * operator graph and cost model into the simulator's step-time factory. The one place that turns
 * a launch configuration into something the simulator, the estimator's callers and the search
 * share.
 */
public final class Replicas {
    private final CostModelProvider costModels;

    public Replicas(CostModelProvider costModels) {
        this.costModels = costModels;
    }

    public Replica build(ReplicaSpec spec) {
        Parallelism p = spec.parallelism();
        LayoutValidator.validate(spec.model(), p);
        ResolvedQuant quant = QuantResolver.resolve(spec.quant(), spec.gpu());
        BackendProfile backend = spec.backend();
        int sequences = Math.min(backend.maxNumSeqs(), Math.max(1, backend.cudaGraphMaxBatch()));
        MemoryBreakdown memory = MemoryModel.compute(spec.model(), spec.gpu(), p, quant, backend,
                backend.maxNumBatchedTokens(), sequences, spec.cudaGraph(), spec.memoryFraction());
        KvCacheModel kv = KvCacheModel.of(spec.model(), p, quant.kvCache());
        long kvTokens = kv.capacityTokens(memory.kvCacheBytes());
        long transferBytesPerToken = Math.round(KvCacheModel.modelBytesPerToken(spec.model(), quant.kvCache()));
        EngineConfig engine = EngineConfig.of(backend, kvTokens, transferBytesPerToken)
                .withAttentionDpRanks(p.dp());
        if (!spec.cudaGraph()) {
            engine = engine.withCudaGraphMaxBatch(0);
        }
        OperatorGraph graph = new OperatorGraph(spec.model(), spec.gpu(), p, quant);
        OpCostModel cost = costModels.forGpu(spec.gpu(), backend);
        boolean graphs = spec.cudaGraph();
        StepTimeModelFactory factory = e -> new StepLatencyModel(graph, cost, backend, graphs, e.cudaGraphMaxBatch());
        StepLatencyModel direct = new StepLatencyModel(graph, cost, backend, graphs, engine.cudaGraphMaxBatch());
        return new Replica(spec, quant, memory, kv, engine, factory.cached(), direct);
    }
}
