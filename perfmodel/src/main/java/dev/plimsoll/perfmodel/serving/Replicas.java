package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.SharedStepTimes;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds {@link Replica}s: validates the layout, sizes memory and the KV pool, and wires the
 * operator graph and cost model into the simulator's step-time factory, whose step times every run
 * of the replica shares ({@link SharedStepTimes}: the confirming runs of a plan simulate the same
 * replica with two to five seeds). The one place that turns a launch configuration into something
 * the simulator, the estimator's callers and the search share.
 */
public final class Replicas {
    private final CostModelProvider costModels;

    public Replicas(CostModelProvider costModels) {
        this.costModels = costModels;
    }

    public Replica build(ReplicaSpec spec) {
        BackendProfile backend = spec.resolvedBackend();
        ReplicaModel m = model(spec, defaultSequences(backend));
        Parallelism p = spec.parallelism();
        long kvTokens = m.kv().capacityTokens(m.memory().kvCacheBytes(), backend.maxNumSeqs());
        long transferBytesPerToken = Math.round(KvCacheModel.modelBytesPerToken(spec.model(), m.quant().kvCache()));
        EngineConfig engine = EngineConfig.of(backend, kvTokens, transferBytesPerToken)
                .withAttentionDpRanks(p.dp());
        if (!spec.cudaGraph()) {
            engine = engine.withCudaGraphMaxBatch(0);
        }
        boolean graphs = spec.cudaGraph();
        // one exact memo per CUDA-graph limit (in decode tokens: a speculative engine's graphs hold each
        // request's verify tokens), shared by every run and thread that simulates this replica
        Map<Integer, StepTimeModel> byGraphLimit = new ConcurrentHashMap<>();
        StepTimeModelFactory factory = e -> byGraphLimit.computeIfAbsent(e.cudaGraphMaxDecodeTokens(),
                limit -> new SharedStepTimes(new StepLatencyModel(m.graph(), m.cost(), backend, graphs, limit)));
        StepLatencyModel direct = new StepLatencyModel(m.graph(), m.cost(), backend, graphs,
                engine.cudaGraphMaxBatch());
        return new Replica(spec, m.quant(), m.memory(), m.kv(), engine, factory.cached(), direct);
    }

    /**
     * Validates the layout, resolves the quantisation on the GPU, sizes memory for steps of the
     * token budget and {@code maxSequences} sampled requests, and builds the operator graph.
     */
    public ReplicaModel model(ReplicaSpec spec, int maxSequences) {
        Parallelism p = spec.parallelism();
        LayoutValidator.validate(spec.model(), p);
        ResolvedQuant quant = QuantResolver.resolve(spec.quant(), spec.gpu());
        BackendProfile backend = spec.resolvedBackend();
        // chunked prefill caps every step at the token budget (vLLM V1 always chunks; SGLang and
        // TensorRT-LLM chunk at chunked-prefill-size / max_num_tokens)
        MemoryBreakdown memory = MemoryModel.compute(spec.model(), spec.gpu(), p, quant, backend,
                backend.maxNumBatchedTokens(), maxSequences, spec.cudaGraph(), spec.memoryFraction());
        KvCacheModel kv = KvCacheModel.of(spec.model(), p, quant.kvCache(), backend.id());
        OperatorGraph graph = new OperatorGraph(spec.model(), spec.gpu(), p, quant, backend.id(),
                backend.releaseGraph());
        return new ReplicaModel(quant, memory, kv, graph, costModels.forGpu(spec.gpu(), backend));
    }

    /** Requests sampled in the largest step: the running cap, within the largest captured graph. */
    public static int defaultSequences(BackendProfile backend) {
        return Math.min(backend.maxNumSeqs(), Math.max(1, backend.cudaGraphMaxBatch()));
    }
}
