package dev.plimsoll.gui.simulate;

import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.TextColumns;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.PlanSelection;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.service.SimulateService;
import dev.plimsoll.gui.simulate.SimulateViewModel.PercentileRow;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.TimeSeriesSample;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A simulation of the picked deployment: TTFT / ITL percentiles and the pools' state over time. */
public final class SimulateView implements ExplorerView {
    private final SimulateViewModel vm = new SimulateViewModel();
    private final SimulateService service;
    private final PlanSelection selection;
    private final Parent root;
    /** The simulator has no cancel points: cancel interrupts the wait, the run finishes in the background. */
    private final LatestTask<SimulationResult> current = new LatestTask<>(vm.task(), true);
    private final SaveActions files = new SaveActions(this::root, vm.task());
    private Proposal simulated;

    @FXML private Button cancelButton;
    @FXML private ProgressIndicator progress;
    @FXML private Label statusLabel;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<PercentileRow> percentileTable;
    @FXML private VBox chartsBox;
    @FXML private LineChart<Number, Number> queueChart;
    @FXML private LineChart<Number, Number> runningChart;
    @FXML private LineChart<Number, Number> kvChart;

    public SimulateView(SimulateService service, PlanSelection selection) {
        this.service = service;
        this.selection = selection;
        root = ViewLoader.load(SimulateView.class, "Simulate.fxml", this);
    }

    @FXML
    void initialize() {
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        summaryLabel.textProperty().bind(vm.summaryProperty());
        StatusBar.bindRunning(vm, progress, cancelButton);
        percentileTable.setItems(vm.percentiles());
        percentileTable.getColumns().setAll(List.of(
                TextColumns.of("metric", PercentileRow::metric, 130),
                TextColumns.of("mean", r -> fmt(r.meanMs()), 70),
                TextColumns.of("p50", r -> fmt(r.p50Ms()), 70),
                TextColumns.of("p90", r -> fmt(r.p90Ms()), 70),
                TextColumns.of("p99", r -> fmt(r.p99Ms()), 70)));
        vm.resultProperty().addListener((o, a, r) -> showSeries(r));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String title() {
        return "Simulate";
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public SimulateViewModel viewModel() {
        return vm;
    }

    /** Simulates the picked deployment unless it is the one shown already. */
    @Override
    public void refresh() {
        Proposal p = selection.proposalProperty().get();
        if (p != null && !p.equals(simulated)) {
            simulateAgain();
        }
    }

    @FXML
    public void simulateAgain() {
        PlanResult result = selection.resultProperty().get();
        Proposal p = selection.proposalProperty().get();
        if (result == null || p == null) {
            return;
        }
        cancel();
        Task<SimulationResult> task = Jobs.task((sink, cancel) -> service.simulate(result.request(), p));
        simulated = p;
        String what = p.architecture().key() + " " + p.describe();
        vm.started(what);
        current.start(task, r -> vm.finished(what, r), () -> simulated = null);
    }

    /**
     * Stops waiting for the running simulation; the simulator has no cancel points, so its thread
     * finishes the run in the background and its answer is dropped.
     */
    @FXML
    public void cancel() {
        current.cancel();
    }

    private void showSeries(SimulationResult r) {
        fill(queueChart, r, TimeSeriesSample::queueLength);
        fill(runningChart, r, TimeSeriesSample::runningRequests);
        fill(kvChart, r, s -> 100.0 * s.kvUsage());
    }

    private static void fill(LineChart<Number, Number> chart, SimulationResult r,
                             ToDoubleFunction<TimeSeriesSample> value) {
        chart.getData().clear();
        if (r == null) {
            return;
        }
        for (Map.Entry<String, List<double[]>> e : SimulateViewModel.series(r, value).entrySet()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(e.getKey() + " pool");
            for (double[] pt : e.getValue()) {
                s.getData().add(new XYChart.Data<>(pt[0], pt[1]));
            }
            chart.getData().add(s);
        }
    }

    @FXML
    void exportPng() {
        files.png("Simulation charts PNG", "simulation.png", chartsBox);
    }

    @FXML
    void exportCsv() {
        SimulationResult r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        File f = files.choose("Time series CSV", "timeseries.csv", "*.csv");
        if (f != null) {
            files.guard(() -> {
                StringBuilder sb = new StringBuilder();
                TimeSeriesSample.writeCsv(r.timeSeries(), sb);
                try {
                    Files.writeString(f.toPath(), sb.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
