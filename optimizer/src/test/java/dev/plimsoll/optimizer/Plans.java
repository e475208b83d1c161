package dev.plimsoll.optimizer;

import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.nio.file.Path;
import java.util.List;

/** Plan requests for tests, on a search space small enough to keep the suite fast. */
public final class Plans {
    public static final SpecRegistry REGISTRY = SpecRegistry.load(null);

    private Plans() {
    }

    /** TP 1-4, no PP, two token budgets, FP8 KV tried. */
    public static SearchSpace smallSpace() {
        return SearchSpace.defaults().withTensorParallel(List.of(1, 2, 4)).withPipelineParallel(List.of(1))
                .withTokenBudgets(List.of(2048, 8192)).withMaxFrontierPoints(4);
    }

    public static PlanRequest request(String model, String gpu, String quant, WorkloadSpec w, LoadTarget target,
                                      SlaTarget sla, Mode mode) {
        QuantScheme q = quant == null ? REGISTRY.model(model).defaultQuant() : QuantPresets.get(quant);
        return new PlanRequest(REGISTRY.model(model), List.of(REGISTRY.gpu(gpu)), List.of(q),
                List.of(BackendProfiles.get("vllm")), w, target, sla, mode, smallSpace(), CostModelProvider.roofline(),
                0.9);
    }

    /** ../shared/data beside the reactor root. */
    public static Path sharedData() {
        return Path.of(System.getProperty("plimsoll.root", "..")).resolve("../shared/data").normalize();
    }
}
