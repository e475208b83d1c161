package dev.plimsoll.perfmodel.serving;

import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.memory.KvCacheModel;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

/**
 * The parts of a replica that do not depend on how its engine schedules: what the GPU runs, the
 * memory of one GPU, KV bytes per token, the operator graph and the kernel cost model.
 *
 * @param quant  what the GPU really runs
 * @param memory memory of the fullest GPU
 * @param kv     KV bytes per token on one GPU
 * @param graph  ops of a step through the whole pipeline
 * @param cost   kernel times of those ops under CUDA-graph replay
 */
public record ReplicaModel(ResolvedQuant quant, MemoryBreakdown memory, KvCacheModel kv, OperatorGraph graph,
                           OpCostModel cost) {
}
