package dev.plimsoll.gui.replay;

import dev.plimsoll.autoscaler.replay.IntervalRow;
import dev.plimsoll.autoscaler.replay.ReplayResult;
import dev.plimsoll.autoscaler.replay.ReplayRunner;
import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.perfmodel.error.UserInputException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** State of the autoscaler replay view: its inputs as text, the policies' table and series. Properties only. */
public final class ReplayViewModel implements TaskStateHolder {
    /**
     * One row of the summary table.
     *
     * @param gpuHoursVsOracle GPU-hours over the oracle's; NaN without an oracle row
     */
    public record SummaryRow(String policy, double slaAttainment, double gpuHours, double gpuHoursVsOracle,
                             int actions, double ttftMs, double itlMs) {
    }

    /** One line of a chart: its legend name and (x, y) points. */
    public record Series(String name, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private final StringProperty trace = new SimpleStringProperty("");
    private final StringProperty rateScale = new SimpleStringProperty();
    private final StringProperty durationS = new SimpleStringProperty();
    private final StringProperty model = new SimpleStringProperty();
    private final StringProperty gpu = new SimpleStringProperty();
    private final StringProperty mode = new SimpleStringProperty();
    private final StringProperty ttftMs = new SimpleStringProperty();
    private final StringProperty itlMs = new SimpleStringProperty();
    private final StringProperty percentile = new SimpleStringProperty();
    private final StringProperty startupS = new SimpleStringProperty();
    private final StringProperty intervalS = new SimpleStringProperty();
    private final Map<String, BooleanProperty> policies = new LinkedHashMap<>();

    private final ObjectProperty<ReplayOutcome> outcome = new SimpleObjectProperty<>();
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final StringProperty summaryLine = new SimpleStringProperty("");
    private final TaskState task = new TaskState("press Replay to compare the policies on the trace");

    public ReplayViewModel(ReplayInputs initial) {
        for (String p : ReplayRunner.POLICIES) {
            policies.put(p, new SimpleBooleanProperty(false));
        }
        set(initial);
    }

    /** The view model with the README's example inputs and no trace chosen yet. */
    public static ReplayViewModel withoutTrace() {
        ReplayViewModel vm = new ReplayViewModel(ReplayInputs.reference("-"));
        vm.trace.set("");
        return vm;
    }

    public void set(ReplayInputs in) {
        trace.set(in.trace());
        rateScale.set(num(in.rateScale()));
        durationS.set(num(in.durationS()));
        model.set(in.model());
        gpu.set(in.gpu());
        mode.set(in.mode());
        ttftMs.set(num(in.ttftMs()));
        itlMs.set(num(in.itlMs()));
        percentile.set(String.valueOf(in.percentile()));
        startupS.set(num(in.startupS()));
        intervalS.set(num(in.intervalS()));
        policies.forEach((name, on) -> on.set(in.policies().contains(name)));
    }

    /** The inputs as values; a field that is not a number throws with the field's name. */
    public ReplayInputs inputs() {
        List<String> chosen = new ArrayList<>();
        policies.forEach((name, on) -> {
            if (on.get()) {
                chosen.add(name);
            }
        });
        return new ReplayInputs(trace.get(), number("rate scale", rateScale), number("duration (s)", durationS),
                model.get(), gpu.get(), mode.get(), number("TTFT (ms)", ttftMs), number("ITL (ms)", itlMs),
                (int) number("percentile", percentile), number("start-up (s)", startupS),
                number("interval (s)", intervalS), chosen);
    }

    private static double number(String field, StringProperty p) {
        String s = p.get() == null ? "" : p.get().trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UserInputException(field + ": not a number: '" + s + "'");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    public void started(ReplayInputs in) {
        task.started("replaying " + in.policies().size() + " policies…");
    }

    /**
     * Cancel was pressed (after the task state showed the cancel): the harness has no cancellation
     * point inside one policy's replay, so that replay finishes in the background, its answer dropped.
     */
    public void cancelledInBackground() {
        task.cancelled();
        task.statusProperty().set("cancelled; the policy being replayed finishes in the background, its answer dropped");
    }

    public void finished(ReplayOutcome o) {
        task.succeeded();
        summary.setAll(rows(o.results()));
        summaryLine.set(String.format(Locale.ROOT, "%s: %d requests, peak %.1f req/s; deployment %s; %s",
                o.trace(), o.requests(), o.peakRatePerS(), o.deployment(), o.sla()));
        outcome.set(o);
        double wallS = o.results().stream().mapToDouble(ReplayResult::wallS).sum();
        task.statusProperty().set(String.format(Locale.ROOT, "replayed %d policies in %.1f s", o.results().size(),
                wallS));
    }

    static List<SummaryRow> rows(List<ReplayResult> results) {
        double oracle = Double.NaN;
        for (ReplayResult r : results) {
            if (r.policy().equals("oracle")) {
                oracle = r.gpuHours();
            }
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (ReplayResult r : results) {
            rows.add(new SummaryRow(r.policy(), r.slaAttainment(), r.gpuHours(), r.gpuHours() / oracle,
                    r.scalingActions(), r.ttftP90Ms(), r.itlP90Ms()));
        }
        return rows;
    }

    /** Offered load over time (requests/s), from the first policy's intervals (the trace is the same for all). */
    public static List<Series> loadSeries(ReplayOutcome o) {
        if (o.results().isEmpty()) {
            return List.of();
        }
        return List.of(new Series("offered load", points(o.results().get(0), IntervalRow::offeredPerS)));
    }

    /** Ready workers per pool per policy over time: one line per (policy, pool). */
    public static List<Series> replicaSeries(ReplayOutcome o) {
        List<Series> out = new ArrayList<>();
        for (ReplayResult r : o.results()) {
            for (int i = 0; i < r.pools().size(); i++) {
                int pool = i;
                String name = r.pools().size() == 1 ? r.policy() : r.policy() + " " + r.pools().get(i);
                out.add(new Series(name, points(r, row -> row.pools().get(pool).ready())));
            }
        }
        return out;
    }

    /** TTFT per interval per policy at the SLA percentile (ms); intervals without a measure are left out. */
    public static List<Series> ttftSeries(ReplayOutcome o) {
        return perPolicy(o, IntervalRow::ttftP90Ms);
    }

    /** ITL per interval per policy at the SLA percentile (ms). */
    public static List<Series> itlSeries(ReplayOutcome o) {
        return perPolicy(o, IntervalRow::itlP90Ms);
    }

    private static List<Series> perPolicy(ReplayOutcome o, ToDoubleFunction<IntervalRow> value) {
        List<Series> out = new ArrayList<>();
        for (ReplayResult r : o.results()) {
            out.add(new Series(r.policy(), points(r, value)));
        }
        return out;
    }

    private static List<double[]> points(ReplayResult r, ToDoubleFunction<IntervalRow> value) {
        List<double[]> pts = new ArrayList<>();
        for (IntervalRow row : r.intervals()) {
            double v = value.applyAsDouble(row);
            if (Double.isFinite(v)) {
                pts.add(new double[] {row.timeS() / 60.0, v});
            }
        }
        return pts;
    }

    public StringProperty traceProperty() {
        return trace;
    }

    public StringProperty rateScaleProperty() {
        return rateScale;
    }

    public StringProperty durationSProperty() {
        return durationS;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty gpuProperty() {
        return gpu;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public StringProperty ttftMsProperty() {
        return ttftMs;
    }

    public StringProperty itlMsProperty() {
        return itlMs;
    }

    public StringProperty percentileProperty() {
        return percentile;
    }

    public StringProperty startupSProperty() {
        return startupS;
    }

    public StringProperty intervalSProperty() {
        return intervalS;
    }

    /** One on/off property per policy of {@link ReplayRunner#POLICIES}, in that order. */
    public Map<String, BooleanProperty> policies() {
        return policies;
    }

    public ObjectProperty<ReplayOutcome> outcomeProperty() {
        return outcome;
    }

    public ObservableList<SummaryRow> summary() {
        return summary;
    }

    public StringProperty summaryLineProperty() {
        return summaryLine;
    }

    @Override
    public TaskState task() {
        return task;
    }
}
