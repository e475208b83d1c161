package dev.plimsoll.gui;

import dev.plimsoll.gui.breakdown.BreakdownView;
import dev.plimsoll.gui.common.PlanSelection;
import dev.plimsoll.gui.compare.CompareView;
import dev.plimsoll.gui.plan.PlanView;
import dev.plimsoll.gui.plan.PlanViewModel;
import dev.plimsoll.gui.replay.ReplayInputs;
import dev.plimsoll.gui.replay.ReplayService;
import dev.plimsoll.gui.replay.ReplayView;
import dev.plimsoll.gui.replay.ReplayViewModel;
import dev.plimsoll.gui.service.EstimateService;
import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanService;
import dev.plimsoll.gui.service.SimulateService;
import dev.plimsoll.gui.service.ValidateService;
import dev.plimsoll.gui.simulate.SimulateView;
import dev.plimsoll.gui.validate.ValidateView;

import java.util.List;

/** Builds every view of the explorer over one set of services; call on the FX thread. */
public final class Explorer {
    private final PlanView planView;
    private final BreakdownView breakdownView;
    private final CompareView compareView;
    private final SimulateView simulateView;
    private final ValidateView validateView;
    private final ReplayView replayView;
    private final MainWindow window;

    public Explorer(GuiServices services, InputsStore store, PlanInputs initial) {
        PlanSelection selection = new PlanSelection();
        planView = new PlanView(new PlanViewModel(initial), new PlanService(services), store, selection);
        planView.load(services.registry().modelIds(), services.registry().gpuIds());
        EstimateService estimates = new EstimateService(services);
        breakdownView = new BreakdownView(estimates, selection);
        compareView = new CompareView(estimates, services.registry().modelIds());
        simulateView = new SimulateView(new SimulateService(), selection);
        validateView = new ValidateView(new ValidateService(services));
        replayView = new ReplayView(ReplayService.defaultTrace()
                .map(t -> new ReplayViewModel(ReplayInputs.reference(t.toString())))
                .orElseGet(ReplayViewModel::withoutTrace), new ReplayService(services));
        window = new MainWindow(List.of(planView, breakdownView, compareView, simulateView, validateView, replayView));
    }

    /** The inputs to open with: the remembered ones, else the README's reference question. */
    public static PlanInputs startingInputs(InputsStore store) {
        return store.load().orElse(PlanInputs.reference());
    }

    public PlanView planView() {
        return planView;
    }

    public BreakdownView breakdownView() {
        return breakdownView;
    }

    public CompareView compareView() {
        return compareView;
    }

    public SimulateView simulateView() {
        return simulateView;
    }

    public ValidateView validateView() {
        return validateView;
    }

    public ReplayView replayView() {
        return replayView;
    }

    public MainWindow window() {
        return window;
    }
}
