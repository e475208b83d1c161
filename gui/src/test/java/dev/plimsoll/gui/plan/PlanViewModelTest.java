package dev.plimsoll.gui.plan;

import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanService;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan view model without the JavaFX toolkit: plain properties in, plain values out. */
class PlanViewModelTest {
    private static PlanResult result;

    @BeforeAll
    static void plan() {
        result = new PlanService(TestServices.get()).plan(TestServices.quickReference(), ProgressSink.NONE,
                Cancellation.NEVER);
    }

    @Test
    void inputsCarryTheFieldsAndNormaliseGpuIds() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        vm.gpusProperty().set(" H200-SXM , h100-sxm,");
        vm.ttftMsProperty().set(450);
        vm.modeProperty().set("disagg");
        PlanInputs in = vm.inputs();
        assertEquals(List.of("h200-sxm", "h100-sxm"), in.gpus());
        assertEquals(450, in.ttftMs());
        assertEquals("disagg", in.mode());
        assertEquals("qwen3-32b", in.model());
    }

    /**
     * Issue 18: TPOT, the usual per-token target of {@code plan --tpot}, has a slider of its own; each
     * per-token target can be switched off, the plan request bounds exactly the ones switched on, and
     * at least one is needed.
     */
    @Test
    void tpotAndItlTargetsAreEachSwitchedOnOrOffAndReachThePlan() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        assertFalse(vm.tpotOnProperty().get(), "the reference question bounds ITL only");
        assertTrue(vm.itlOnProperty().get());
        vm.tpotOnProperty().set(true);
        vm.tpotMsProperty().set(30);
        vm.itlOnProperty().set(false);
        PlanInputs in = vm.inputs();
        assertEquals(30, in.tpotMs());
        assertEquals(Double.POSITIVE_INFINITY, in.itlMs());
        var sla = new PlanService(TestServices.get()).request(in).sla();
        assertEquals(30, sla.tpotMs());
        assertEquals(Double.POSITIVE_INFINITY, sla.itlMs(), "a switched-off slider bounds nothing");
        assertTrue(in.describe().contains("TPOT p90 <= 30.0 ms") && !in.describe().contains("ITL"), in.describe());
        vm.tpotOnProperty().set(false);
        UserInputException e = assertThrows(UserInputException.class, vm::inputs);
        assertTrue(e.getMessage().contains("per-token target"), e.getMessage());
        vm.load(in);
        assertTrue(vm.tpotOnProperty().get() && !vm.itlOnProperty().get(), "inputs come back with their switches");
        assertEquals(30, vm.tpotMsProperty().get());
        assertEquals(30, vm.itlMsProperty().get(), "a switched-off slider rests at the other target's value");
    }

    @Test
    void aNonPositiveTargetIsRefusedWithTheValue() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        vm.itlMsProperty().set(0);
        UserInputException e = assertThrows(UserInputException.class, vm::inputs);
        assertTrue(e.getMessage().contains("ITL 0.0 ms"), e.getMessage());
    }

    @Test
    void aFinishedPlanSplitsTheFrontierAndPicksTheBest() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        vm.started(TestServices.quickReference());
        assertTrue(vm.runningProperty().get());
        vm.finished(result);
        assertFalse(vm.runningProperty().get());
        assertEquals(result.frontier().size(), vm.aggregatedPoints().size() + vm.disaggregatedPoints().size());
        assertTrue(vm.aggregatedPoints().stream().allMatch(FrontierPoint::aggregated));
        assertTrue(vm.disaggregatedPoints().stream().noneMatch(FrontierPoint::aggregated));
        assertEquals(result.best(), vm.selectedProperty().get());
        assertEquals(100.0, vm.slaMinTokensPerSPerUserProperty().get(), 1e-9, "1000 / ITL 10 ms");
        assertTrue(vm.detailsProperty().get().contains("why: "), vm.detailsProperty().get());
        assertTrue(vm.detailsProperty().get().contains(result.best().describe()));
    }

    @Test
    void selectingAPointShowsItsPoolsAndCost() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        vm.finished(result);
        Proposal last = result.frontier().get(result.frontier().size() - 1);
        vm.select(last);
        String d = vm.detailsProperty().get();
        assertTrue(d.startsWith(last.architecture().key() + ": " + last.describe()), d);
        assertTrue(d.contains(last.gpus() + " GPUs"), d);
        assertTrue(d.contains(String.format(java.util.Locale.ROOT, "%.2f USD/h", last.costPerHour())), d);
        assertTrue(d.contains("pools:"), d);
    }

    @Test
    void aFailureIsOneLineWithoutAStackTrace() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        vm.failed(new UserInputException("/tmp/x/config.json: line 1, column 3: not JSON"));
        assertEquals("/tmp/x/config.json: line 1, column 3: not JSON", vm.errorProperty().get());
        vm.failed(new IllegalStateException("boom"));
        assertTrue(vm.errorProperty().get().startsWith("internal error (IllegalStateException): boom"));
        assertFalse(vm.errorProperty().get().contains("\n"));
    }

    @Test
    void loadPutsRememberedInputsBackIntoTheFields() {
        PlanViewModel vm = new PlanViewModel(PlanInputs.reference());
        PlanInputs other = new PlanInputs("llama-3.1-8b", List.of("h100-sxm"), "sglang", "bf16", 1000, 200, 100,
                PlanInputs.LoadKind.RATE, 4.5, 500, 25, 99, "agg", false, "/data/azure_conv.csv");
        vm.load(other);
        assertEquals(other, vm.inputs());
    }
}
