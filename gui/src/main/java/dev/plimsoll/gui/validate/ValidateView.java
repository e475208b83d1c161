package dev.plimsoll.gui.validate;

import dev.plimsoll.gui.common.ChartStyles;
import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.TextColumns;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.LogAxis;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.service.ValidateService;
import dev.plimsoll.gui.validate.ValidateViewModel.SummaryRow;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.validate.RowPrediction;
import dev.plimsoll.perfmodel.validate.ValidationReport;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Predicted against measured TTFT and TPOT for a measured-deployments file, by group, with the errors. */
public final class ValidateView implements ExplorerView {
    private final ValidateViewModel vm = new ValidateViewModel();
    private final ValidateService service;
    private final Parent root;
    private final LatestTask<ValidationReport> current = new LatestTask<>(vm.task(), false);
    private final SaveActions files = new SaveActions(this::root, vm.task());
    private LineChart<Number, Number> ttftChart;
    private LineChart<Number, Number> tpotChart;

    @FXML private TextField fileField;
    @FXML private TextField modelsField;
    @FXML private TextField filterField;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private HBox chartsBox;
    @FXML private TableView<SummaryRow> summaryTable;

    public ValidateView(ValidateService service) {
        this.service = service;
        root = ViewLoader.load(ValidateView.class, "Validate.fxml", this);
    }

    @FXML
    void initialize() {
        fileField.textProperty().bindBidirectional(vm.measuredFileProperty());
        modelsField.textProperty().bindBidirectional(vm.modelsDirProperty());
        filterField.textProperty().bindBidirectional(vm.filterProperty());
        StatusBar.bindProgress(vm, progressBar, cancelButton);
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        ttftChart = scatter("TTFT: predicted against measured (mean per deployment)", "measured TTFT (ms)",
                "predicted TTFT (ms)", 0, 5);
        tpotChart = scatter("TPOT: predicted against measured (mean per deployment)", "measured TPOT (ms)",
                "predicted TPOT (ms)", 0, 3);
        chartsBox.getChildren().setAll(ttftChart, tpotChart);
        HBox.setHgrow(ttftChart, Priority.ALWAYS);
        HBox.setHgrow(tpotChart, Priority.ALWAYS);
        summaryTable.setItems(vm.summary());
        summaryTable.getColumns().setAll(List.of(
                TextColumns.of("group (model backend mode)", SummaryRow::group, 340),
                TextColumns.of("rows", r -> String.valueOf(r.rows()), 50),
                TextColumns.of("TTFT median |err|", r -> pct(r.ttftMedianApe()), 140),
                TextColumns.of("TTFT p90 |err|", r -> pct(r.ttftP90Ape()), 110),
                TextColumns.of("TPOT median |err|", r -> pct(r.tpotMedianApe()), 140),
                TextColumns.of("TPOT p90 |err|", r -> pct(r.tpotP90Ape()), 110),
                TextColumns.of("TTFT bias", r -> signedPct(r.ttftBias()), 90),
                TextColumns.of("TPOT bias", r -> signedPct(r.tpotBias()), 90)));
        vm.reportProperty().addListener((o, a, r) -> show(r));
    }

    private static LineChart<Number, Number> scatter(String title, String x, String y, int lo, int hi) {
        LineChart<Number, Number> c = new LineChart<>(LogAxis.of(x, lo, hi), LogAxis.of(y, lo, hi));
        c.setTitle(title);
        c.setAnimated(false);
        c.setHorizontalZeroLineVisible(false);
        c.setVerticalZeroLineVisible(false);
        return c;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String signedPct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f %%", 100 * v);
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String title() {
        return "Validate";
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public ValidateViewModel viewModel() {
        return vm;
    }

    /** Validates when a file is set and nothing is shown yet. */
    @Override
    public void refresh() {
        if (vm.reportProperty().get() == null && !vm.runningProperty().get()
                && !vm.measuredFileProperty().get().isBlank()) {
            validate();
        }
    }

    @FXML
    public void validate() {
        Path file;
        try {
            file = vm.measuredPath();
        } catch (UserInputException e) {
            vm.invalid(e.getMessage());
            return;
        }
        cancel();
        Path models = vm.modelsPath();
        String filter = vm.filterProperty().get();
        Task<ValidationReport> task = Jobs.task((progress, cancel) ->
                service.validate(file, models, filter, progress, cancel));
        vm.started();
        current.start(task, vm::finished);
    }

    @FXML
    public void cancel() {
        current.cancel();
    }

    private void show(ValidationReport r) {
        fill(ttftChart, r, RowPrediction::predictedTtftMs, p -> p.row().ttftMs(), 0, 5);
        fill(tpotChart, r, RowPrediction::predictedTpotMs, p -> p.row().tpotMs(), 0, 3);
    }

    private static void fill(LineChart<Number, Number> chart, ValidationReport r,
                             ToDoubleFunction<RowPrediction> predicted, ToDoubleFunction<RowPrediction> measured,
                             int lo, int hi) {
        chart.getData().clear();
        if (r == null) {
            return;
        }
        XYChart.Series<Number, Number> diagonal = new XYChart.Series<>();
        diagonal.setName("predicted = measured");
        diagonal.getData().add(new XYChart.Data<>(lo, lo));
        diagonal.getData().add(new XYChart.Data<>(hi, hi));
        chart.getData().add(diagonal);
        diagonal.getNode().setStyle(ChartStyles.DIAGONAL);
        diagonal.getData().forEach(d -> d.getNode().setVisible(false));
        for (Map.Entry<String, List<RowPrediction>> e : ValidateViewModel.byGroup(r).entrySet()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(e.getKey());
            List<RowPrediction> sorted = new ArrayList<>(e.getValue());
            for (RowPrediction p : sorted) {
                double m = measured.applyAsDouble(p);
                double q = predicted.applyAsDouble(p);
                if (m > 0 && q > 0) {
                    s.getData().add(new XYChart.Data<>(clamp(Math.log10(m), lo, hi), clamp(Math.log10(q), lo, hi), p));
                }
            }
            chart.getData().add(s);
            s.getNode().setStyle(ChartStyles.NO_LINE);
            for (XYChart.Data<Number, Number> d : s.getData()) {
                RowPrediction p = (RowPrediction) d.getExtraValue();
                Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT,
                        "%s (line %d): measured %.1f ms, predicted %.1f ms", p.row().id(), p.row().line(),
                        measured.applyAsDouble(p), predicted.applyAsDouble(p))));
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @FXML
    void chooseFile() {
        FileChooser c = new FileChooser();
        c.setTitle("Measured deployments CSV");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = c.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            vm.measuredFileProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    void exportPng() {
        files.png("Validation charts PNG", "validation.png", chartsBox);
    }

    @FXML
    void exportCsv() {
        files.tableCsv("Error summary CSV", "validation-errors.csv", summaryTable);
    }
}
