package dev.plimsoll.gui;

import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.PlanSelection;
import dev.plimsoll.gui.plan.PlanView;
import dev.plimsoll.gui.plan.PlanViewModel;
import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanService;
import javafx.scene.Parent;

import java.util.ArrayList;
import java.util.List;

/** Builds every view of the explorer over one set of services; call on the FX thread. */
public final class Explorer {
    private final PlanView planView;
    private final MainWindow window;

    public Explorer(GuiServices services, InputsStore store, PlanInputs initial) {
        PlanSelection selection = new PlanSelection();
        planView = new PlanView(new PlanViewModel(initial), new PlanService(services), store, selection);
        Parent planRoot = planView.load(services.registry().modelIds(), services.registry().gpuIds());
        List<ExplorerView> views = new ArrayList<>();
        views.add(simple("plan", "Plan", planRoot, planView));
        window = new MainWindow(views);
    }

    /** The inputs to open with: the remembered ones, else the README's reference question. */
    public static PlanInputs startingInputs(InputsStore store) {
        return store.load().orElse(PlanInputs.reference());
    }

    public PlanView planView() {
        return planView;
    }

    public MainWindow window() {
        return window;
    }

    private static ExplorerView simple(String name, String title, Parent root, PlanView view) {
        return new ExplorerView() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public Parent root() {
                return root;
            }

            @Override
            public void refresh() {
                if (view.viewModel().resultProperty().get() == null && !view.viewModel().runningProperty().get()) {
                    view.planNow();
                }
            }

            @Override
            public boolean busy() {
                return view.viewModel().runningProperty().get();
            }
        };
    }
}
