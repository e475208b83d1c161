package dev.plimsoll.gui.plan;

import dev.plimsoll.gui.common.ErrorMessages;
import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.TextColumns;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.Exports;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.PlanSelection;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanInputs.LoadKind;
import dev.plimsoll.gui.service.PlanService;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;
import javafx.animation.PauseTransition;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.converter.NumberStringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan view: inputs on the left, the Pareto frontier recomputed as they change (debounced,
 * cancellable), the frontier's points as a table and the picked point's details below.
 */
public final class PlanView implements ExplorerView {
    /** Quiet time after the last input change before replanning: a slider drag plans once, at its end. */
    public static final double DEBOUNCE_MS = 150;
    static final Duration DEBOUNCE = Duration.millis(DEBOUNCE_MS);


    private final PlanViewModel vm;
    private final PlanService service;
    private final InputsStore store;
    private final PlanSelection selection;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private final LatestTask<PlanResult> current;
    private final SaveActions files;
    private Parent root;

    @FXML private ComboBox<String> modelField;
    @FXML private TextField gpusField;
    @FXML private ChoiceBox<String> engineField;
    @FXML private ChoiceBox<String> quantField;
    @FXML private TextField islField;
    @FXML private TextField oslField;
    @FXML private TextField prefixField;
    @FXML private TextField traceField;
    @FXML private TextField loadValueField;
    @FXML private ChoiceBox<LoadKind> loadKindField;
    @FXML private Slider ttftSlider;
    @FXML private TextField ttftField;
    @FXML private CheckBox tpotOn;
    @FXML private Slider tpotSlider;
    @FXML private TextField tpotField;
    @FXML private CheckBox itlOn;
    @FXML private Slider itlSlider;
    @FXML private TextField itlField;
    @FXML private ChoiceBox<Integer> percentileField;
    @FXML private ToggleGroup modeGroup;
    @FXML private CheckBox simulateField;
    @FXML private Button cancelButton;
    @FXML private Button exportButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private Label summaryLabel;
    @FXML private FrontierChart frontierChart;
    @FXML private TableView<FrontierPoint> pointsTable;
    @FXML private TextArea detailsArea;

    public PlanView(PlanViewModel vm, PlanService service, InputsStore store, PlanSelection selection) {
        this.vm = vm;
        this.current = new LatestTask<>(vm.task(), false);
        this.files = new SaveActions(this::root, vm.task());
        this.service = service;
        this.store = store;
        this.selection = selection;
    }

    public Parent load(List<String> modelIds, List<String> gpuIds) {
        root = ViewLoader.load(PlanView.class, "Plan.fxml", this);
        modelField.getItems().setAll(modelIds);
        gpusField.setTooltip(new Tooltip("GPU ids, comma separated: " + String.join(", ", gpuIds)));
        return root;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public String title() {
        return "Plan";
    }

    /** Plans once when nothing is planned yet. */
    @Override
    public void refresh() {
        if (vm.resultProperty().get() == null && !vm.runningProperty().get()) {
            planNow();
        }
    }

    @Override
    public PlanViewModel viewModel() {
        return vm;
    }

    public FrontierChart chart() {
        return frontierChart;
    }

    @FXML
    void initialize() {
        modelField.valueProperty().bindBidirectional(vm.modelProperty());
        gpusField.textProperty().bindBidirectional(vm.gpusProperty());
        engineField.getItems().setAll(PlanViewModel.ENGINES);
        engineField.valueProperty().bindBidirectional(vm.engineProperty());
        quantField.getItems().setAll(PlanViewModel.QUANTS);
        quantField.valueProperty().bindBidirectional(vm.quantProperty());
        bindNumber(islField, vm.islProperty(), "#");
        bindNumber(oslField, vm.oslProperty(), "#");
        bindNumber(prefixField, vm.prefixProperty(), "#");
        traceField.textProperty().bindBidirectional(vm.traceProperty());
        loadKindField.getItems().setAll(LoadKind.values());
        loadKindField.valueProperty().bindBidirectional(vm.loadKindProperty());
        bindNumber(loadValueField, vm.loadValueProperty(), "#.###");
        ttftSlider.valueProperty().bindBidirectional(vm.ttftMsProperty());
        bindNumber(ttftField, vm.ttftMsProperty(), "#.#");
        tpotOn.selectedProperty().bindBidirectional(vm.tpotOnProperty());
        tpotSlider.valueProperty().bindBidirectional(vm.tpotMsProperty());
        bindNumber(tpotField, vm.tpotMsProperty(), "#.##");
        tpotSlider.disableProperty().bind(tpotOn.selectedProperty().not());
        tpotField.disableProperty().bind(tpotOn.selectedProperty().not());
        itlOn.selectedProperty().bindBidirectional(vm.itlOnProperty());
        itlSlider.valueProperty().bindBidirectional(vm.itlMsProperty());
        bindNumber(itlField, vm.itlMsProperty(), "#.##");
        itlSlider.disableProperty().bind(itlOn.selectedProperty().not());
        itlField.disableProperty().bind(itlOn.selectedProperty().not());
        percentileField.getItems().setAll(PlanViewModel.PERCENTILES);
        percentileField.valueProperty().bindBidirectional(vm.percentileProperty());
        selectMode(vm.modeProperty().get());
        modeGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                vm.modeProperty().set((String) t.getUserData());
            }
        });
        vm.modeProperty().addListener((o, a, m) -> selectMode(m));
        simulateField.selectedProperty().bindBidirectional(vm.simulateProperty());

        StatusBar.bindProgress(vm, progressBar, cancelButton);
        exportButton.disableProperty().bind(vm.selectedProperty().isNull());
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        summaryLabel.textProperty().bind(vm.summaryProperty());
        detailsArea.textProperty().bind(vm.detailsProperty());

        frontierChart.slaMinXProperty().bind(vm.slaMinTokensPerSPerUserProperty());
        vm.resultProperty().addListener((o, a, r) -> showFrontier());
        setUpTable();
        vm.selectedProperty().addListener((o, a, p) -> {
            selection.proposalProperty().set(p);
            frontierChart.highlight(p);
            FrontierPoint row = pointsTable.getItems().stream().filter(fp -> fp.proposal().equals(p)).findFirst()
                    .orElse(null);
            if (row != null && pointsTable.getSelectionModel().getSelectedItem() != row) {
                pointsTable.getSelectionModel().select(row);
            }
        });

        debounce.setOnFinished(e -> planNow());
        for (var p : vm.inputProperties()) {
            p.addListener((o, a, b) -> debounce.playFromStart());
        }
    }

    private static void bindNumber(TextField field, javafx.beans.property.Property<Number> property, String pattern) {
        TextFormatter<Number> f = new TextFormatter<>(new NumberStringConverter(Locale.ROOT, pattern));
        field.setTextFormatter(f);
        f.valueProperty().bindBidirectional(property);
        // a typed value counts once the field loses focus or Enter is pressed (TextFormatter commits then)
    }

    private void selectMode(String m) {
        for (Toggle t : modeGroup.getToggles()) {
            if (t.getUserData().equals(m)) {
                modeGroup.selectToggle(t);
            }
        }
    }

    private void setUpTable() {
        pointsTable.setItems(vm.allPoints());
        pointsTable.getColumns().setAll(List.of(
                TextColumns.of("mode", fp -> fp.aggregated() ? "agg" : "disagg", 60),
                TextColumns.of("layout", fp -> fp.proposal().describe(), 230),
                TextColumns.of("GPUs", fp -> String.valueOf(fp.proposal().gpus()), 45),
                TextColumns.of("tok/s/GPU", fp -> String.format(Locale.ROOT, "%.1f", fp.tokensPerSPerGpu()), 80),
                TextColumns.of("tok/s/user", fp -> String.format(Locale.ROOT, "%.1f", fp.tokensPerSPerUser()), 80),
                TextColumns.of("USD/h", fp -> String.format(Locale.ROOT, "%.2f", fp.proposal().costPerHour()), 70)));
        pointsTable.setPlaceholder(new Label("no frontier yet"));
        pointsTable.getSelectionModel().selectedItemProperty().addListener((o, a, fp) -> {
            if (fp != null && !fp.proposal().equals(vm.selectedProperty().get())) {
                vm.select(fp.proposal());
            }
        });
    }

    /** The table's rows and cells, for CSV export. */
    List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        for (FrontierPoint fp : pointsTable.getItems()) {
            List<String> cells = new ArrayList<>();
            for (TableColumn<FrontierPoint, ?> c : pointsTable.getColumns()) {
                Object v = c.getCellData(fp);
                cells.add(v == null ? "" : v.toString());
            }
            rows.add(cells);
        }
        return rows;
    }

    private void showFrontier() {
        frontierChart.show(vm.aggregatedPoints(), vm.disaggregatedPoints(), vm::select);
        PlanResult r = vm.resultProperty().get();
        if (r != null) {
            SlaTarget sla = r.request().sla();
            // the tighter per-token bound sets the least tokens/s/user the SLA allows
            String metric = sla.tpotMs() <= sla.itlMs() ? "TPOT" : "ITL";
            frontierChart.setSlaText(String.format(Locale.ROOT, "%s p%d <= %s ms\n>= %.0f tokens/s/user", metric,
                    sla.percentile(), fmt(sla.tokenMs()), 1000.0 / sla.tokenMs()));
            frontierChart.setTitle("Pareto frontier: " + r.request().model().id() + ", " + r.request().target().describe()
                    + ", " + r.request().sla().describe());
        }
        frontierChart.highlight(vm.selectedProperty().get());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Plans now with the current inputs, cancelling a plan still running. */
    @FXML
    public void planNow() {
        debounce.stop();
        PlanInputs in;
        try {
            in = vm.inputs();
        } catch (UserInputException e) {
            vm.invalid(e.getMessage());
            return;
        }
        cancelRunning();
        Task<PlanResult> task = Jobs.task((progress, cancel) -> service.plan(in, progress, cancel));
        vm.started(in);
        current.start(task, r -> {
            vm.finished(r);
            selection.resultProperty().set(r);
            store.save(in);
        });
    }

    /** The plan in flight, or null. */
    public Task<PlanResult> currentTask() {
        return current.current();
    }

    @FXML
    public void cancel() {
        debounce.stop();
        cancelRunning();
    }

    private void cancelRunning() {
        current.cancel();
    }

    @FXML
    void chooseConfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Hugging Face config.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("config.json", "*.json"));
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.modelProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    void chooseTrace() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Request trace: Azure CSV or Mooncake JSONL");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("traces", "*.csv", "*.jsonl"));
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.traceProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    void exportArtifacts() {
        Proposal p = vm.selectedProperty().get();
        PlanResult r = vm.resultProperty().get();
        if (p == null || r == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Directory for the deployment artifacts");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /** Writes the picked deployment's artifacts to {@code dir}; the outcome goes to the status line. */
    public void exportTo(Path dir) {
        try {
            List<Path> written = service.export(vm.resultProperty().get(), vm.selectedProperty().get(), dir);
            vm.statusProperty().set("wrote " + written.size() + " files to " + dir);
        } catch (RuntimeException e) {
            vm.errorProperty().set(ErrorMessages.of(e));
        }
    }

    @FXML
    void exportChart() {
        File f = files.choose("Pareto chart PNG", "frontier.png", "*.png");
        if (f != null) {
            files.guard(() -> Exports.png(frontierChart, f.toPath()), "saved " + f);
        }
    }

    @FXML
    void exportTable() {
        File f = files.choose("Frontier table CSV", "frontier.csv", "*.csv");
        if (f != null) {
            List<String> header = pointsTable.getColumns().stream().map(TableColumn::getText).toList();
            files.guard(() -> Exports.csv(header, tableRows(), f.toPath()), "saved " + f);
        }
    }
}
