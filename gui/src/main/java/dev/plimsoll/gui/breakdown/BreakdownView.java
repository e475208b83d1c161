package dev.plimsoll.gui.breakdown;

import dev.plimsoll.gui.common.ChartStyles;
import dev.plimsoll.gui.common.ExplorerView;
import dev.plimsoll.gui.common.StatusBar;
import dev.plimsoll.gui.common.Exports;
import dev.plimsoll.gui.common.Jobs;
import dev.plimsoll.gui.common.LatestTask;
import dev.plimsoll.gui.common.LogAxis;
import dev.plimsoll.gui.common.PlanSelection;
import dev.plimsoll.gui.common.SaveActions;
import dev.plimsoll.gui.common.ViewLoader;
import dev.plimsoll.gui.service.EstimateService;
import dev.plimsoll.gui.service.StepBreakdown;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.ops.Phase;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The step breakdown of the deployment picked in the plan view: per-op time of its prefill and
 * decode steps by provenance, a roofline of the ops, and the memory of its fullest GPU.
 */
public final class BreakdownView implements ExplorerView {
    private final BreakdownViewModel vm = new BreakdownViewModel();
    private final EstimateService service;
    private final PlanSelection selection;
    private Parent root;
    private final LatestTask<List<StepBreakdown>> current = new LatestTask<>(vm.task(), false);
    private final SaveActions files = new SaveActions(this::root, vm.task());
    private LineChart<Number, Number> rooflineChart;

    @FXML private ChoiceBox<StepBreakdown> poolField;
    @FXML private Label statusLabel;
    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private GridPane chartsGrid;
    @FXML private StackedBarChart<String, Number> prefillChart;
    @FXML private StackedBarChart<String, Number> decodeChart;
    @FXML private StackedBarChart<String, Number> memoryChart;
    @FXML private StackPane rooflinePane;

    public BreakdownView(EstimateService service, PlanSelection selection) {
        this.service = service;
        this.selection = selection;
        root = ViewLoader.load(BreakdownView.class, "Breakdown.fxml", this);
    }

    @FXML
    void initialize() {
        poolField.setItems(vm.pools());
        poolField.valueProperty().bindBidirectional(vm.shownProperty());
        poolField.setConverter(new StringConverter<>() {
            @Override
            public String toString(StepBreakdown b) {
                return b == null ? "" : b.title();
            }

            @Override
            public StepBreakdown fromString(String s) {
                return null;
            }
        });
        StatusBar.bindLines(vm, statusLabel, errorLabel);
        summaryLabel.textProperty().bind(vm.summaryProperty());
        NumberAxis x = LogAxis.of("arithmetic intensity (FLOP/byte)", -1, 4);
        NumberAxis y = LogAxis.of("achieved throughput (TFLOP/s)", -3, 4);
        rooflineChart = new LineChart<>(x, y);
        rooflineChart.setTitle("Roofline of the ops (log-log)");
        rooflineChart.setAnimated(false);
        rooflineChart.getStyleClass().add("roofline");
        rooflineChart.setHorizontalZeroLineVisible(false);
        rooflineChart.setVerticalZeroLineVisible(false);
        rooflinePane.getChildren().add(rooflineChart);
        vm.shownProperty().addListener((o, a, b) -> show(b));
        selection.proposalProperty().addListener((o, a, p) -> refresh());
    }

    @Override
    public String name() {
        return "breakdown";
    }

    @Override
    public String title() {
        return "Step breakdown";
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public BreakdownViewModel viewModel() {
        return vm;
    }

    /** Estimates each pool of the picked deployment. */
    @Override
    public void refresh() {
        PlanResult result = selection.resultProperty().get();
        Proposal p = selection.proposalProperty().get();
        if (result == null || p == null) {
            return;
        }
        current.cancel();
        Task<List<StepBreakdown>> task = Jobs.task((progress, cancel) -> {
            List<StepBreakdown> out = new ArrayList<>();
            for (PoolPlan pool : p.pools()) {
                cancel.check();
                out.add(service.pool(result.request(), p, pool));
            }
            return out;
        });
        vm.started();
        current.start(task, vm::finished);
    }

    private void show(StepBreakdown b) {
        prefillChart.getData().clear();
        decodeChart.getData().clear();
        memoryChart.getData().clear();
        rooflineChart.getData().clear();
        if (b == null) {
            return;
        }
        fillOps(prefillChart, b, Phase.PREFILL);
        fillOps(decodeChart, b, Phase.DECODE);
        fillMemory(b);
        fillRoofline(b);
    }

    private static void fillOps(StackedBarChart<String, Number> chart, StepBreakdown b, Phase phase) {
        Map<String, Map<Provenance, Double>> ops = BreakdownViewModel.opsByProvenance(b, phase);
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        for (Provenance pv : Provenance.values()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(pv.key());
            for (Map.Entry<String, Map<Provenance, Double>> e : ops.entrySet()) {
                s.getData().add(new XYChart.Data<>(e.getKey(), e.getValue().getOrDefault(pv, 0.0)));
            }
            series.add(s);
        }
        chart.getData().setAll(series);
        for (XYChart.Series<String, Number> s : chart.getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                if (d.getNode() != null && d.getYValue().doubleValue() > 0) {
                    Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s: %.3f ms (%s)",
                            d.getXValue(), d.getYValue().doubleValue(), s.getName())));
                }
            }
        }
    }

    private void fillMemory(StepBreakdown b) {
        String gpu = b.request().gpu().id() + " (" + b.request().parallelism() + ")";
        for (Map.Entry<String, Double> e : BreakdownViewModel.memoryGib(b).entrySet()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(String.format(Locale.ROOT, "%s %.1f GiB", e.getKey(), e.getValue()));
            s.getData().add(new XYChart.Data<>(gpu, e.getValue()));
            memoryChart.getData().add(s);
        }
        memoryChart.setTitle(String.format(Locale.ROOT, "Memory of the fullest GPU; KV capacity %,d tokens per rank",
                b.estimate().kvCapacityTokens()));
    }

    private void fillRoofline(StepBreakdown b) {
        GpuSpec gpu = b.request().gpu();
        double peak = gpu.peakFlopsPerS(b.request().quant().activations());
        double bandwidth = gpu.memoryBandwidthBytesPerS();
        XYChart.Series<Number, Number> roof = new XYChart.Series<>();
        roof.setName(String.format(Locale.ROOT, "%s roof: %.0f TFLOP/s, %.1f TB/s", gpu.id(), peak / 1e12,
                bandwidth / 1e12));
        for (double logI = -1; logI <= 4.0001; logI += 0.25) {
            double perf = Math.min(peak, Math.pow(10, logI) * bandwidth) / 1e12;
            roof.getData().add(new XYChart.Data<>(logI, Math.log10(perf)));
        }
        rooflineChart.getData().add(roof);
        for (Phase phase : new Phase[] {Phase.PREFILL, Phase.DECODE}) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(phase.name().toLowerCase(Locale.ROOT) + " ops");
            for (OpTiming t : BreakdownViewModel.rooflineOps(b)) {
                if (t.phase() == phase) {
                    double intensity = t.flops() / t.bytes();
                    double tflops = t.flops() / (t.ms() / 1000.0) / 1e12;
                    XYChart.Data<Number, Number> d = new XYChart.Data<>(clamp(Math.log10(intensity), -1, 4),
                            clamp(Math.log10(tflops), -3, 4), t);
                    s.getData().add(d);
                }
            }
            rooflineChart.getData().add(s);
            // inline: a line chart resets its series' style classes as series are added
            s.getNode().setStyle(ChartStyles.NO_LINE);
            for (XYChart.Data<Number, Number> d : s.getData()) {
                OpTiming t = (OpTiming) d.getExtraValue();
                Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "%s %s: %.3f ms, %s-bound, %s",
                        t.phase().name().toLowerCase(Locale.ROOT), t.name(), t.ms(), t.bound().name().toLowerCase(
                                Locale.ROOT), t.provenance().key())));
            }
        }
        roof.getNode().setStyle(ChartStyles.ROOF_LINE);
        for (XYChart.Data<Number, Number> d : roof.getData()) {
            d.getNode().setVisible(false);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @FXML
    void exportPng() {
        files.png("Step breakdown charts PNG", "breakdown.png", chartsGrid);
    }

    @FXML
    void exportCsv() {
        StepBreakdown b = vm.shownProperty().get();
        if (b == null) {
            return;
        }
        File f = files.choose("Ops CSV", "ops.csv", "*.csv");
        if (f != null) {
            List<List<String>> rows = new ArrayList<>();
            for (OpTiming t : b.estimate().ops()) {
                rows.add(List.of(t.phase().name().toLowerCase(Locale.ROOT), t.name(),
                        String.format(Locale.ROOT, "%.6f", t.ms()), String.format(Locale.ROOT, "%.6g", t.flops()),
                        String.format(Locale.ROOT, "%.6g", t.bytes()), t.bound().name().toLowerCase(Locale.ROOT),
                        t.provenance().key(), String.valueOf(t.calls())));
            }
            files.guard(() -> Exports.csv(List.of("phase", "op", "ms", "flops", "bytes", "bound", "provenance", "calls"),
                    rows, f.toPath()));
        }
    }
}
