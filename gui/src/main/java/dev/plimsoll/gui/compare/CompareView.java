package dev.plimsoll.gui.compare;

import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.TextColumns;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.compare.CompareViewModel.Row;
import dev.plimsoll.gui.plan.PlanViewModel;
import dev.plimsoll.gui.service.EstimateService;
import dev.plimsoll.gui.service.StepBreakdown;
import javafx.beans.property.Property;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.HBox;
import javafx.util.converter.NumberStringConverter;

import java.util.List;
import java.util.Locale;

/** One workload on two GPUs or two layouts, side by side: latency, throughput, memory. */
public final class CompareView implements ExplorerView {
    private final CompareViewModel vm = new CompareViewModel();
    private final EstimateService service;
    private final Parent root;
    private final LatestTask<StepBreakdown[]> current = new LatestTask<>(vm.task(), false);
    private final SaveActions files = new SaveActions(this::root, vm.task());

    @FXML private ComboBox<String> modelField;
    @FXML private ChoiceBox<String> quantField;
    @FXML private ChoiceBox<String> engineField;
    @FXML private TextField islField;
    @FXML private TextField oslField;
    @FXML private TextField batchField;
    @FXML private TextField leftGpuField;
    @FXML private TextField leftTpField;
    @FXML private TextField leftPpField;
    @FXML private TextField rightGpuField;
    @FXML private TextField rightTpField;
    @FXML private TextField rightPpField;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private HBox chartsBox;
    @FXML private BarChart<String, Number> latencyChart;
    @FXML private BarChart<String, Number> throughputChart;
    @FXML private TableView<Row> rowsTable;

    public CompareView(EstimateService service, List<String> modelIds) {
        this.service = service;
        root = ViewLoader.load(CompareView.class, "Compare.fxml", this);
        modelField.getItems().setAll(modelIds);
    }

    @FXML
    void initialize() {
        modelField.valueProperty().bindBidirectional(vm.modelProperty());
        quantField.getItems().setAll(PlanViewModel.QUANTS);
        quantField.valueProperty().bindBidirectional(vm.quantProperty());
        engineField.getItems().setAll(PlanViewModel.ENGINES);
        engineField.valueProperty().bindBidirectional(vm.engineProperty());
        number(islField, vm.islProperty());
        number(oslField, vm.oslProperty());
        number(batchField, vm.batchProperty());
        leftGpuField.textProperty().bindBidirectional(vm.leftGpuProperty());
        number(leftTpField, vm.leftTpProperty());
        number(leftPpField, vm.leftPpProperty());
        rightGpuField.textProperty().bindBidirectional(vm.rightGpuProperty());
        number(rightTpField, vm.rightTpProperty());
        number(rightPpField, vm.rightPpProperty());
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        rowsTable.setItems(vm.rows());
        rowsTable.getColumns().setAll(List.of(
                TextColumns.of("figure", Row::metric, 260),
                TextColumns.of("A", r -> fmt(r.left()), 140),
                TextColumns.of("B", r -> fmt(r.right()), 140),
                TextColumns.of("B / A",
                        r -> Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f x", r.ratio()), 90),
                TextColumns.of("better", r -> r.left() == r.right() ? "same"
                        : (r.right() > r.left()) == r.higherIsBetter() ? "B" : "A", 70)));
        vm.rightProperty().addListener((o, a, b) -> showCharts());
    }

    private static void number(TextField field, Property<Number> property) {
        TextFormatter<Number> f = new TextFormatter<>(new NumberStringConverter(Locale.ROOT, "#"));
        field.setTextFormatter(f);
        f.valueProperty().bindBidirectional(property);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String title() {
        return "Compare";
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public CompareViewModel viewModel() {
        return vm;
    }

    @Override
    public void refresh() {
        if (vm.rightProperty().get() == null && !vm.runningProperty().get()) {
            compare();
        }
    }

    @FXML
    public void compare() {
        String model = vm.modelProperty().get();
        String quant = vm.quantProperty().get();
        String engine = vm.engineProperty().get();
        int isl = vm.islProperty().get();
        int osl = vm.oslProperty().get();
        int batch = vm.batchProperty().get();
        String lg = vm.leftGpuProperty().get();
        int ltp = vm.leftTpProperty().get();
        int lpp = vm.leftPpProperty().get();
        String rg = vm.rightGpuProperty().get();
        int rtp = vm.rightTpProperty().get();
        int rpp = vm.rightPpProperty().get();
        Task<StepBreakdown[]> task = Jobs.task((progress, cancel) -> new StepBreakdown[] {
            service.replica(model, quant, engine, lg, ltp, lpp, batch, isl, osl),
            service.replica(model, quant, engine, rg, rtp, rpp, batch, isl, osl)});
        vm.started();
        current.start(task, pair -> vm.finished(pair[0], pair[1]));
    }

    private void showCharts() {
        StepBreakdown a = vm.leftProperty().get();
        StepBreakdown b = vm.rightProperty().get();
        latencyChart.getData().clear();
        throughputChart.getData().clear();
        if (a == null || b == null) {
            return;
        }
        for (StepBreakdown s : new StepBreakdown[] {a, b}) {
            String name = (s == a ? "A: " : "B: ") + s.title();
            XYChart.Series<String, Number> lat = new XYChart.Series<>();
            lat.setName(name);
            lat.getData().add(new XYChart.Data<>("TTFT", s.estimate().ttftMs()));
            lat.getData().add(new XYChart.Data<>("decode step", s.estimate().decodeStepMs()));
            lat.getData().add(new XYChart.Data<>("ITL", s.estimate().itlMs()));
            latencyChart.getData().add(lat);
            XYChart.Series<String, Number> thr = new XYChart.Series<>();
            thr.setName(name);
            thr.getData().add(new XYChart.Data<>("per GPU", s.estimate().tokensPerSPerGpu()));
            thr.getData().add(new XYChart.Data<>("per user", s.estimate().tokensPerSPerUser()));
            throughputChart.getData().add(thr);
        }
        String batch = "batch " + a.request().batch() + " per rank, ISL " + a.request().isl() + ", OSL "
                + a.request().osl();
        latencyChart.setTitle("Latency, " + batch);
        throughputChart.setTitle("Throughput, " + batch);
    }

    @FXML
    void exportPng() {
        files.png("Comparison charts PNG", "compare.png", chartsBox);
    }

    @FXML
    void exportCsv() {
        files.tableCsv("Comparison CSV", "compare.csv", rowsTable);
    }
}
