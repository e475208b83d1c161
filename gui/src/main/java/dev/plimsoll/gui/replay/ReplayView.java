package dev.plimsoll.gui.replay;

import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.TextColumns;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.replay.ReplayViewModel.Series;
import dev.plimsoll.gui.replay.ReplayViewModel.SummaryRow;
import dev.plimsoll.perfmodel.error.UserInputException;
import javafx.beans.property.BooleanProperty;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The autoscaler replay: a trace through the serving simulator under several scaling policies,
 * compared in a table and over time (offered load, ready workers, TTFT and ITL per interval).
 */
public final class ReplayView implements ExplorerView {
    private final ReplayViewModel vm;
    private final ReplayService service;
    private final Parent root;
    /** The harness has no cancellation point inside one policy's replay: cancel drops its answer. */
    private final LatestTask<ReplayOutcome> current;
    private final SaveActions files;
    private boolean started;

    @FXML private TextField traceField;
    @FXML private TextField rateField;
    @FXML private TextField durationField;
    @FXML private TextField modelField;
    @FXML private TextField gpuField;
    @FXML private ComboBox<String> modeBox;
    @FXML private TextField ttftField;
    @FXML private TextField itlField;
    @FXML private ComboBox<String> percentileBox;
    @FXML private TextField startupField;
    @FXML private TextField intervalField;
    @FXML private HBox policyBox;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progress;
    @FXML private Label statusLabel;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private TableView<SummaryRow> summaryTable;
    @FXML private GridPane chartsBox;
    @FXML private LineChart<Number, Number> loadChart;
    @FXML private LineChart<Number, Number> replicaChart;
    @FXML private LineChart<Number, Number> ttftChart;
    @FXML private LineChart<Number, Number> itlChart;
    @FXML private NumberAxis ttftAxis;
    @FXML private NumberAxis itlAxis;

    public ReplayView(ReplayViewModel vm, ReplayService service) {
        this.vm = vm;
        this.service = service;
        this.current = new LatestTask<>(vm.task(), false);
        this.files = new SaveActions(this::root, vm.task());
        root = ViewLoader.load(ReplayView.class, "Replay.fxml", this);
    }

    @FXML
    void initialize() {
        traceField.textProperty().bindBidirectional(vm.traceProperty());
        rateField.textProperty().bindBidirectional(vm.rateScaleProperty());
        durationField.textProperty().bindBidirectional(vm.durationSProperty());
        modelField.textProperty().bindBidirectional(vm.modelProperty());
        gpuField.textProperty().bindBidirectional(vm.gpuProperty());
        modeBox.getItems().setAll("agg", "disagg");
        modeBox.valueProperty().bindBidirectional(vm.modeProperty());
        ttftField.textProperty().bindBidirectional(vm.ttftMsProperty());
        itlField.textProperty().bindBidirectional(vm.itlMsProperty());
        percentileBox.getItems().setAll("50", "90", "99");
        percentileBox.valueProperty().bindBidirectional(vm.percentileProperty());
        startupField.textProperty().bindBidirectional(vm.startupSProperty());
        intervalField.textProperty().bindBidirectional(vm.intervalSProperty());
        for (Map.Entry<String, BooleanProperty> e : vm.policies().entrySet()) {
            CheckBox box = new CheckBox(e.getKey());
            box.setId("policy-" + e.getKey());
            box.selectedProperty().bindBidirectional(e.getValue());
            policyBox.getChildren().add(box);
        }
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        StatusBar.bindProgress(vm, progress, cancelButton);
        summaryLabel.textProperty().bind(vm.summaryLineProperty());
        summaryTable.setItems(vm.summary());
        summaryTable.getColumns().setAll(List.of(
                TextColumns.of("policy", SummaryRow::policy, 78),
                TextColumns.of("SLA %", r -> fmt(100 * r.slaAttainment(), 1), 56),
                TextColumns.of("GPU-h", r -> fmt(r.gpuHours(), 2), 56),
                TextColumns.of("× oracle", r -> fmt(r.gpuHoursVsOracle(), 2), 62),
                TextColumns.of("actions", r -> String.valueOf(r.actions()), 56),
                TextColumns.of("TTFT ms", r -> fmt(r.ttftMs(), 0), 66),
                TextColumns.of("ITL ms", r -> fmt(r.itlMs(), 1), 58)));
        summaryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        vm.outcomeProperty().addListener((o, a, r) -> showSeries(r));
    }

    private static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String title() {
        return "Autoscaler replay";
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public ReplayViewModel viewModel() {
        return vm;
    }

    /** Replays once when the tab is first opened with a trace to replay; later runs come from Replay. */
    @Override
    public void refresh() {
        if (!started && !vm.traceProperty().get().isBlank()) {
            replay();
        } else if (!started) {
            vm.statusProperty().set("choose a trace with Trace…, then press Replay");
        }
    }

    @FXML
    public void replay() {
        if (vm.traceProperty().get().isBlank() && !chooseTrace()) {
            return;
        }
        ReplayInputs in;
        try {
            in = vm.inputs();
        } catch (UserInputException e) {
            vm.task().invalid(e.getMessage());
            return;
        }
        cancel();
        started = true;
        Task<ReplayOutcome> task = Jobs.task((sink, cancel) -> service.replay(in, sink, cancel));
        vm.started(in);
        current.start(task, vm::finished);
    }

    /** Opens a file chooser for the trace; false when the user closed it. */
    @FXML
    boolean chooseTrace() {
        FileChooser c = new FileChooser();
        c.setTitle("Request trace");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Azure CSV or Mooncake JSONL", "*.csv", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f == null) {
            return false;
        }
        vm.traceProperty().set(f.getPath());
        return true;
    }

    /**
     * Stops waiting for the replay. The harness checks for cancel between policies only, so the policy
     * being replayed finishes in the background and its answer is dropped; the status line says so.
     */
    @FXML
    public void cancel() {
        boolean running = current.current() != null && current.current().isRunning();
        current.cancel();
        if (running) {
            vm.cancelledInBackground();
        }
    }

    private void showSeries(ReplayOutcome o) {
        String p = o == null ? "" : "p" + o.percentile() + " ";
        ttftChart.setTitle("TTFT " + p + "per interval");
        ttftAxis.setLabel("TTFT " + p + "(ms)");
        itlChart.setTitle("ITL " + p + "per interval");
        itlAxis.setLabel("ITL " + p + "(ms)");
        fill(loadChart, o == null ? List.of() : ReplayViewModel.loadSeries(o));
        fill(replicaChart, o == null ? List.of() : ReplayViewModel.replicaSeries(o));
        fill(ttftChart, o == null ? List.of() : ReplayViewModel.ttftSeries(o));
        fill(itlChart, o == null ? List.of() : ReplayViewModel.itlSeries(o));
    }

    private static void fill(LineChart<Number, Number> chart, List<Series> series) {
        chart.getData().clear();
        for (Series s : series) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(s.name());
            for (double[] pt : s.points()) {
                line.getData().add(new XYChart.Data<>(pt[0], pt[1]));
            }
            chart.getData().add(line);
            // the oracle is the bound the others are measured against, and often coincides with one of them:
            // dashed, so that a line under it still shows
            if (s.name().startsWith("oracle")) {
                line.getNode().setStyle("-fx-stroke-dash-array: 7 5;");
            }
        }
    }

    @FXML
    void exportPng() {
        files.png("Replay charts PNG", "replay.png", chartsBox);
    }

    @FXML
    void exportCsv() {
        files.tableCsv("Replay table CSV", "replay.csv", summaryTable);
    }
}
