package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.Phase;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Step time of one replica = sum of its ops' times + the engine's per-step CPU cost.
 *
 * <p>Kernel times come from an {@link OpCostModel} that prices kernels under CUDA-graph replay.
 * A step that is not replayed from a graph (prefill, mixed steps, decode batches above the
 * largest captured size, or graphs disabled) launches each kernel from the host: the CPU runs
 * ahead of the GPU, so a kernel costs {@code max(its GPU time, its launch cost)}.
 *
 * <p>With pipeline parallelism a decode batch is split into {@code pp} micro-batches that move
 * through the stages together (vLLM virtual engines, TensorRT-LLM micro-batching): every request
 * gets one token per pass of its micro-batch through all stages.
 */
public final class StepLatencyModel implements StepTimeModel {
    private final OperatorGraph graph;
    private final OpCostModel cost;
    private final BackendProfile backend;
    private final boolean cudaGraph;
    private final int cudaGraphMaxBatch;
    private final double eagerLaunchMs;

    /**
     * @param cudaGraphMaxBatch largest decode batch replayed from a CUDA graph (SGLang
     *                          --cuda-graph-max-bs, vLLM max_cudagraph_capture_size)
     */
    public StepLatencyModel(OperatorGraph graph, OpCostModel cost, BackendProfile backend, boolean cudaGraph,
                            int cudaGraphMaxBatch) {
        this.graph = graph;
        this.cost = cost;
        this.backend = backend;
        this.cudaGraph = cudaGraph;
        this.cudaGraphMaxBatch = cudaGraphMaxBatch;
        this.eagerLaunchMs = backend.kernelOverheadUsEager() / 1000.0;
    }

    public StepLatencyModel(OperatorGraph graph, OpCostModel cost, BackendProfile backend, boolean cudaGraph) {
        this(graph, cost, backend, cudaGraph, backend.cudaGraphMaxBatch());
    }

    @Override
    public double stepMs(StepBatch batch) {
        if (batch.isEmpty()) {
            return 0.0;
        }
        StepBatch pass = microBatch(batch);
        boolean graphed = replaysGraph(pass);
        double ms = 0.0;
        for (Op op : graph.ops(pass)) {
            ms += op.repeat() * callMs(op, graphed);
        }
        return ms + stepOverheadMs(graphed);
    }

    /** Per-op times of one step, in graph order, with the per-step overhead as a last row. */
    public List<OpTiming> detail(StepBatch batch) {
        List<OpTiming> rows = new ArrayList<>();
        if (batch.isEmpty()) {
            return rows;
        }
        StepBatch pass = microBatch(batch);
        boolean graphed = replaysGraph(pass);
        Phase phase = batch.phase();
        for (Op op : graph.ops(pass)) {
            OpCost c = cost.cost(op);
            double call = callMs(op, c, graphed);
            Bound bound = call > c.timeMs() ? Bound.OVERHEAD : c.bound();
            rows.add(new OpTiming(op.name(), phase, op.repeat() * call, op.repeat() * op.flops(),
                    op.repeat() * op.bytes(), bound, c.provenance(), op.repeat()));
        }
        rows.add(new OpTiming("step_overhead", phase, stepOverheadMs(graphed), 0, 0, Bound.OVERHEAD,
                Provenance.ROOFLINE, 1));
        return rows;
    }

    /** Whether a step of this batch replays a captured CUDA graph. */
    public boolean replaysGraph(StepBatch batch) {
        return cudaGraph && batch.phase() == Phase.DECODE && batch.decodeRequests() <= cudaGraphMaxBatch;
    }

    private StepBatch microBatch(StepBatch batch) {
        int pp = graph.parallelism().pp();
        if (pp == 1 || batch.phase() != Phase.DECODE || batch.decodeRequests() <= 1) {
            return batch;
        }
        int micro = (batch.decodeRequests() + pp - 1) / pp;
        return StepBatch.decode(micro, batch.decodeContextTokens());
    }

    private double callMs(Op op, boolean graphed) {
        return callMs(op, cost.cost(op), graphed);
    }

    private double callMs(Op op, OpCost c, boolean graphed) {
        if (graphed) {
            return c.timeMs();
        }
        return Math.max(c.timeMs(), op.kernels() * eagerLaunchMs);
    }

    private double stepOverheadMs(boolean graphed) {
        return graphed ? backend.stepOverheadMsGraph() : backend.stepOverheadMsEager();
    }
}
