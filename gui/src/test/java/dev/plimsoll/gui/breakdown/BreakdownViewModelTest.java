package dev.plimsoll.gui.breakdown;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.EstimateService;
import dev.plimsoll.gui.service.PlanService;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.gui.service.StepBreakdown;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.Phase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakdownViewModelTest {
    private static PlanResult result;
    private static List<StepBreakdown> pools;

    @BeforeAll
    static void estimate() {
        result = new PlanService(TestServices.get()).plan(TestServices.quickReference(), ProgressSink.NONE,
                Cancellation.NEVER);
        Proposal p = result.best();
        pools = new ArrayList<>();
        for (PoolPlan pool : p.pools()) {
            pools.add(new EstimateService(TestServices.get()).pool(result.request(), p, pool));
        }
    }

    @Test
    void eachPoolIsEstimatedAtItsOwnLayout() {
        Proposal p = result.best();
        assertEquals(p.pools().size(), pools.size());
        for (int i = 0; i < pools.size(); i++) {
            assertEquals(p.pools().get(i).engine().candidate().parallelism(), pools.get(i).request().parallelism());
            assertTrue(pools.get(i).title().startsWith(p.pools().get(i).role() + " pool"));
        }
    }

    @Test
    void opsByProvenanceAddUpToTheStep() {
        StepBreakdown b = pools.get(pools.size() - 1);
        Map<String, Map<Provenance, Double>> decode = BreakdownViewModel.opsByProvenance(b, Phase.DECODE);
        double stacked = decode.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue)
                .sum();
        double ops = b.estimate().ops().stream().filter(o -> o.phase() == Phase.DECODE).mapToDouble(OpTiming::ms)
                .sum();
        assertEquals(ops, stacked, 1e-9);
        assertTrue(decode.containsKey("step_overhead"));
    }

    @Test
    void memoryPartsFillTheGpu() {
        StepBreakdown b = pools.get(0);
        double gib = BreakdownViewModel.memoryGib(b).values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(b.estimate().memory().capacityBytes() / (1024.0 * 1024 * 1024), gib, 1e-6);
    }

    @Test
    void theLastPoolIsShownWithItsSummary() {
        BreakdownViewModel vm = new BreakdownViewModel();
        vm.started();
        vm.finished(pools);
        assertEquals(pools.get(pools.size() - 1), vm.shownProperty().get());
        assertTrue(vm.summaryProperty().get().contains("KV capacity"), vm.summaryProperty().get());
        assertTrue(BreakdownViewModel.rooflineOps(pools.get(0)).stream().allMatch(o -> o.flops() > 0 && o.bytes() > 0));
    }
}
