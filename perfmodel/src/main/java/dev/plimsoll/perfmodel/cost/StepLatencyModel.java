package dev.plimsoll.perfmodel.cost;

import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.Phase;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.PipelineStages;

import java.util.ArrayList;
import java.util.List;

/**
 * Step time of one replica = sum of its ops' times + the engine's per-step CPU cost.
 *
 * <p>Kernel times come from an {@link OpCostModel} that prices kernels under CUDA-graph replay.
 * A step that is not replayed from a graph (prefill, mixed steps, decode batches above the
 * largest captured size, or graphs disabled) launches each kernel from the host: the CPU runs
 * ahead of the GPU, so a kernel costs {@code max(its GPU time, its launch cost)}. Where the engine
 * runs a MoE layer's shared experts on a second stream, the layer takes the longer of its two paths
 * ({@link SharedExpertOverlap}).
 *
 * <p>With pipeline parallelism a decode batch is split into {@code pp} micro-batches that move
 * through the stages together (vLLM virtual engines, TensorRT-LLM micro-batching): every request
 * gets one token per pass of its micro-batch through all stages. With {@code pp} micro-batches in
 * flight the slowest stage sets the pipeline period: a pass takes {@code pp} times the slowest
 * stage's layers, which is more than the sum of all stages when the engine splits the layers
 * unevenly ({@link PipelineStages}: DeepSeek's 61 layers over 4 stages) or the stages hold different
 * layers (dense layers first, MoE after). Prefill runs through the stages one after the other.
 */
public final class StepLatencyModel implements StepTimeModel {
    private final OperatorGraph graph;
    private final OpCostModel cost;
    private final BackendProfile backend;
    private final boolean cudaGraph;
    private final int cudaGraphMaxBatch;
    private final double eagerLaunchMs;
    /** Per stage, the layers of each layer group it holds; null when every stage holds the same. */
    private final int[][] unevenStages;

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
        this.unevenStages = unevenStages(graph, backend.id());
    }

    /** Layers of each group per stage, or null when all stages hold the same layers (no imbalance). */
    static int[][] unevenStages(OperatorGraph graph, String backendId) {
        int pp = graph.parallelism().pp();
        if (pp == 1) {
            return null;
        }
        int[] bounds = PipelineStages.bounds(PipelineStages.layers(graph.model().numLayers(), pp, backendId));
        var groups = graph.groups();
        int[][] counts = new int[pp][groups.size()];
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            int last = first + groups.get(g).count();
            for (int s = 0; s < pp; s++) {
                counts[s][g] = Math.max(0, Math.min(last, bounds[s + 1]) - Math.max(first, bounds[s]));
            }
            first = last;
        }
        for (int s = 1; s < pp; s++) {
            if (!java.util.Arrays.equals(counts[s], counts[0])) {
                return counts;
            }
        }
        return null;
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
        List<Op> ops = graph.ops(pass);
        double[] call = callsMs(ops, graphed);
        double[] hidden = hiddenMs(pass, graphed, ops, call);
        double ms = 0.0;
        for (int i = 0; i < call.length; i++) {
            ms += ops.get(i).repeat() * (call[i] - hidden[i]);
        }
        return ms + imbalanceMs(pass, graphed) + stepOverheadMs(graphed);
    }

    private double[] callsMs(List<Op> ops, boolean graphed) {
        double[] call = new double[ops.size()];
        for (int i = 0; i < call.length; i++) {
            call[i] = callMs(ops.get(i), graphed);
        }
        return call;
    }

    /** Per op, the time of a call hidden behind a concurrent stream ({@link SharedExpertOverlap}). */
    private double[] hiddenMs(StepBatch pass, boolean graphed, List<Op> ops, double[] call) {
        return SharedExpertOverlap.applies(backend.id(), graphed, pass.tokens())
                ? SharedExpertOverlap.hiddenMs(ops, call) : new double[call.length];
    }

    /**
     * What a decode pass takes beyond the sum of its stages when they are unequal:
     * {@code pp * slowest - sum of stages}, over the layers (embedding and LM head left out).
     */
    double imbalanceMs(StepBatch pass, boolean graphed) {
        if (unevenStages == null || pass.phase() != Phase.DECODE) {
            return 0.0;
        }
        int groups = unevenStages[0].length;
        double[] perLayer = new double[groups];
        for (int g = 0; g < groups; g++) {
            for (Op op : graph.layerOps(pass, g)) {
                perLayer[g] += callMs(op, graphed);
            }
        }
        double sum = 0;
        double slowest = 0;
        for (int[] stage : unevenStages) {
            double t = 0;
            for (int g = 0; g < groups; g++) {
                t += stage[g] * perLayer[g];
            }
            sum += t;
            slowest = Math.max(slowest, t);
        }
        return unevenStages.length * slowest - sum;
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
        List<Op> ops = graph.ops(pass);
        double[] call = callsMs(ops, graphed);
        double[] hidden = hiddenMs(pass, graphed, ops, call);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            OpCost c = cost.cost(op);
            Bound bound = call[i] > c.timeMs() ? Bound.OVERHEAD : c.bound();
            rows.add(new OpTiming(op.name(), phase, op.repeat() * (call[i] - hidden[i]), op.repeat() * op.flops(),
                    op.repeat() * op.bytes(), bound, c.provenance(), op.repeat()));
        }
        double imbalance = imbalanceMs(pass, graphed);
        if (imbalance > 0) {
            rows.add(new OpTiming("pipeline_imbalance", phase, imbalance, 0, 0, Bound.OVERHEAD, Provenance.ROOFLINE, 1));
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
        OpCost c = cost.cost(op);
        if (graphed) {
            return c.timeMs();
        }
        return Math.max(c.timeMs(), op.kernels() * eagerLaunchMs);
    }

    private double stepOverheadMs(boolean graphed) {
        return graphed ? backend.stepOverheadMsGraph() : backend.stepOverheadMsEager();
    }
}
