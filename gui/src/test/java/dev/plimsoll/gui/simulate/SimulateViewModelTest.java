package dev.plimsoll.gui.simulate;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanService;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.gui.service.SimulateService;
import dev.plimsoll.optimizer.confirm.ProposalSimulator;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.TimeSeriesSample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateViewModelTest {
    @Test
    void theConfirmingRunIsReplayedWithItsTimeSeries() {
        PlanInputs r = PlanInputs.reference();
        // a small aggregated question: a few hundred requests on a handful of replicas
        PlanInputs in = new PlanInputs("llama-3.1-8b", List.of("h100-sxm"), "vllm", PlanInputs.DEFAULT_QUANT, 1000, 100, 0,
                PlanInputs.LoadKind.RATE, 4, 1000, 30, 90, "agg", true, "");
        PlanResult plan = new PlanService(TestServices.get()).plan(in, ProgressSink.NONE, Cancellation.NEVER);
        Proposal p = plan.best();
        SimulationResult sim = new SimulateService().simulate(plan.request(), p);
        // the first of the runs the planner confirmed the proposal with: the same TTFT at the SLA percentile
        assertTrue(p.confidence().runs() >= 2, "a confirmation is at least two runs");
        assertEquals(new ProposalSimulator(plan.request()).simulate(p, 1).figures().ttftMs(),
                plan.request().sla().pick(sim.ttft()), 1e-9);
        assertFalse(sim.timeSeries().isEmpty());
        SimulateViewModel vm = new SimulateViewModel();
        vm.started("agg");
        vm.finished("agg", sim);
        assertFalse(vm.runningProperty().get());
        assertEquals("TTFT (ms)", vm.percentiles().get(0).metric());
        assertEquals(sim.ttft().p90Ms(), vm.percentiles().get(0).p90Ms());
        Map<String, List<double[]>> queue = SimulateViewModel.series(sim, TimeSeriesSample::queueLength);
        assertEquals(1, queue.size(), "one aggregated pool");
        List<double[]> points = queue.values().iterator().next();
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i)[0] > points.get(i - 1)[0], "time rises");
        }
        assertTrue(r.isl() > 0);
    }
}
