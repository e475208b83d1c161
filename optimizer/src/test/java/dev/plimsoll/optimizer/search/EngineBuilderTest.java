package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Engines that differ only in scheduler limits share one memo of step times, and may. */
class EngineBuilderTest {
    private static final GpuSpec H200 = Plans.REGISTRY.gpu("h200-sxm");
    private static final QuantScheme FP8 = QuantPresets.get("fp8");
    /** Prefill alone, a mixed step, decode batches inside and beyond the captured graphs. */
    private static final List<StepBatch> BATCHES = List.of(StepBatch.prefill(1, 3500),
            new StepBatch(1, 2000, 500, 64, 4250), new StepBatch(3, 700, 1500, 0, 0), StepBatch.decode(1, 4250),
            StepBatch.decode(96, 4250), StepBatch.decode(EngineBuilder.MAX_RUNNING + 40, 4250));

    private static BuiltEngine build(EngineBuilder b, BackendProfile backend, int tp, QuantScheme q, int budget,
                                     boolean chunked) {
        return b.build(new EngineCandidate(H200, Parallelism.tp(tp), q, backend, budget, chunked)).engine();
    }

    @Test
    void tokenBudgetAndChunkingDoNotChangeWhatAStepCosts() {
        CostModelProvider calibrated = CalibratedCostModels.provider(Optional.empty());
        for (String id : List.of("vllm", "sglang")) {
            BackendProfile backend = BackendProfiles.get(id);
            EngineBuilder b = new EngineBuilder(Plans.REGISTRY.model("qwen3-32b"), calibrated, 0.9);
            BuiltEngine small = build(b, backend, 2, FP8, 1024, true);
            BuiltEngine large = build(b, backend, 2, FP8, 16384, !id.equals("sglang"));
            assertSame(small.steps(), large.steps(), id + ": one memo for both budgets");
            for (StepBatch batch : BATCHES) {
                // each engine's own model, unshared: what the shared memo stands for
                assertEquals(small.replica().stepModel().stepMs(batch), large.replica().stepModel().stepMs(batch),
                        id + " " + batch);
                assertEquals(large.replica().stepModel().stepMs(batch), large.steps().stepMs(batch), id + " " + batch);
            }
        }
    }

    @Test
    void aDifferentLayoutOrKvFormatGetsItsOwnMemo() {
        EngineBuilder b = new EngineBuilder(Plans.REGISTRY.model("qwen3-32b"), CostModelProvider.roofline(), 0.9);
        BackendProfile vllm = BackendProfiles.get("vllm");
        BuiltEngine base = build(b, vllm, 2, FP8, 4096, true);
        assertNotSame(base.steps(), build(b, vllm, 4, FP8, 4096, true).steps());
        assertNotSame(base.steps(), build(b, vllm, 2, FP8.withKvCache(NumberFormat.FP8), 4096, true).steps());
        assertNotSame(base.steps(), build(b, BackendProfiles.get("sglang"), 2, FP8, 4096, true).steps());
    }
}
