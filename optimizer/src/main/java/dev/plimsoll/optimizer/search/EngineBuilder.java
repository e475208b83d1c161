package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.SharedStepTimes;
import dev.plimsoll.perfmodel.cost.StepTimeModel;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds candidates into replicas; a candidate that does not fit its GPUs yields its reason.
 * Candidates that differ only in scheduler limits (token budget, chunked prefill) run the same
 * kernels for the same batch: they share one memo of step times ({@link #stepKey}), so a batch one
 * of them priced is not priced again for the others. Thread-safe.
 */
public final class EngineBuilder {
    /**
     * Largest running batch a searched engine may be launched with; memory is sized for it (the
     * sampler's logits) and CUDA graphs are captured up to it, so every decode step the analytic
     * model prices replays a graph.
     */
    public static final int MAX_RUNNING = 1024;

    private final Replicas replicas;
    private final ModelSpec model;
    private final double memoryFraction;
    private final Map<List<Object>, StepTimeModel> stepModels = new ConcurrentHashMap<>();

    public EngineBuilder(ModelSpec model, CostModelProvider costModels, double memoryFraction) {
        this.replicas = new Replicas(costModels);
        this.model = model;
        this.memoryFraction = memoryFraction;
    }

    /** The built engine, or the one-line reason it cannot run. */
    public Result build(EngineCandidate c) {
        try {
            ReplicaSpec spec = new ReplicaSpec(model, c.gpu(), c.parallelism(), c.quant(), tuned(c.backend(),
                    c.tokenBudget()), true, memoryFraction);
            Replica replica = replicas.build(spec);
            StepTimeModel steps = stepModels.computeIfAbsent(stepKey(c),
                    k -> new SharedStepTimes(replica.stepModel()));
            return new Result(new BuiltEngine(c, replica, steps), null);
        } catch (UserInputException e) {
            return new Result(null, e.getMessage());
        }
    }

    /**
     * What a searched engine's step model is built from: the operator graph (model, GPU, layout,
     * quantisation), the kernel costs (GPU and engine) and the engine's launch overheads, with CUDA
     * graphs captured up to {@link #MAX_RUNNING} for every candidate. The token budget and chunking
     * only decide which batches the scheduler forms, not what a batch costs.
     */
    static List<Object> stepKey(EngineCandidate c) {
        return List.of(c.gpu(), c.parallelism(), c.quant(), c.backend());
    }

    /** The backend's costs with the search's limits: token budget, running batch and graph size. */
    static BackendProfile tuned(BackendProfile b, int tokenBudget) {
        return b.withLaunchLimits(MAX_RUNNING, tokenBudget, MAX_RUNNING);
    }

    /**
     * @param engine the engine, null when it does not fit
     * @param reason why it does not fit, null when it does
     */
    public record Result(BuiltEngine engine, String reason) {
    }
}
