package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DeepSeek-R1's 61 layers over 2 and 4 pipeline stages (31/30 and 15/15/16/15, as vLLM splits them)
 * are searched, sized, simulated and confirmed like any other layout.
 */
class DeepSeekPipelineTest {

    @Test
    void deepSeekR1WithPp2AndPp4IsPlannedAndConfirmed() {
        for (int pp : new int[] {2, 4}) {
            SearchSpace space = Plans.smallSpace().withTensorParallel(List.of(8)).withPipelineParallel(List.of(pp))
                    .withTokenBudgets(List.of(4096)).withFp8KvCache(false).withMaxFrontierPoints(1).withTopN(0);
            PlanRequest r = new PlanRequest(Plans.REGISTRY.model("deepseek-r1"), List.of(Plans.REGISTRY.gpu("h200-sxm")),
                    List.of(QuantPresets.get("fp8-block")), List.of(BackendProfiles.get("vllm")),
                    WorkloadSpec.fixed(2000, 300, 0), new LoadTarget.Rate(2), SlaTarget.of(3000, 100), Mode.AGG, space,
                    CostModelProvider.roofline(), 0.9);
            PlanResult result = new Planner().plan(r);
            Proposal best = result.bestAggregated();
            assertNotNull(best, "pp " + pp + ": " + result.notes());
            assertEquals(pp, best.pools().get(0).engine().candidate().parallelism().pp());
            assertTrue(best.confirmed() && best.confidence().ttft().highMs() <= 3000, best.note());
            assertTrue(best.simulated().itlMs() <= 100, "simulated ITL " + best.simulated().itlMs());
        }
    }
}
