package dev.plimsoll.autoscaler;

import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.EngineBuilder;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.util.List;

/** Engines and plan questions for tests: Llama 3.1 8B on H100, roofline costs, a small search space. */
public final class Fixtures {
    public static final SpecRegistry REGISTRY = SpecRegistry.load(null);

    private Fixtures() {
    }

    public static BuiltEngine engine(String model, String gpu, Parallelism p, int budget) {
        EngineBuilder b = new EngineBuilder(REGISTRY.model(model), CostModelProvider.roofline(), 0.9);
        EngineBuilder.Result r = b.build(new EngineCandidate(REGISTRY.gpu(gpu), p, QuantPresets.get("bf16"),
                BackendProfiles.get("vllm"), budget, true));
        if (r.engine() == null) {
            throw new IllegalStateException(r.reason());
        }
        return r.engine();
    }

    public static PlanRequest plan(WorkloadSpec w, SlaTarget sla, Mode mode) {
        SearchSpace space = SearchSpace.defaults().withTensorParallel(List.of(1, 2)).withPipelineParallel(List.of(1))
                .withTokenBudgets(List.of(2048, 8192)).withSimulate(false).withTopN(0);
        return new PlanRequest(REGISTRY.model("llama-3.1-8b"), List.of(REGISTRY.gpu("h100-sxm")),
                List.of(QuantPresets.get("bf16")), List.of(BackendProfiles.get("vllm")), w, new LoadTarget.Rate(1),
                sla, mode, space, CostModelProvider.roofline(), 0.9);
    }
}
