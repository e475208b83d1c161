package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.serving.Replica;
import dev.plimsoll.perfmodel.serving.ReplicaSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.specs.ModelSpec;

/** Builds candidates into replicas; a candidate that does not fit its GPUs yields its reason. */
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
            return new Result(new BuiltEngine(c, replica), null);
        } catch (UserInputException e) {
            return new Result(null, e.getMessage());
        }
    }

    /** The backend's costs with the search's limits: token budget, running batch and graph size. */
    static BackendProfile tuned(BackendProfile b, int tokenBudget) {
        return new BackendProfile(b.id(), b.kernelOverheadUsGraph(), b.gemmOverheadUsGraph(), b.kernelOverheadUsEager(),
                b.stepOverheadMsGraph(), b.stepOverheadMsEager(), MAX_RUNNING, MAX_RUNNING, tokenBudget,
                b.otherReservedBytes(), b.cudaGraphPoolBytes(), b.commBufferBytes(), b.source(), b.mxfp4MoeKernel());
    }

    /**
     * @param engine the engine, null when it does not fit
     * @param reason why it does not fit, null when it does
     */
    public record Result(BuiltEngine engine, String reason) {
    }
}
