package dev.plimsoll.gui.simulate;

import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.perfmodel.sim.LatencyStats;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.TimeSeriesSample;
import javafx.beans.property.ObjectProperty;
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

/** State of the simulate view: one simulation of the picked deployment. Properties only. */
public final class SimulateViewModel implements TaskStateHolder {
    /**
     * One row of the percentile table.
     *
     * @param metric what is measured, with its unit
     */
    public record PercentileRow(String metric, double meanMs, double p50Ms, double p90Ms, double p99Ms) {
    }

    private final ObjectProperty<SimulationResult> result = new SimpleObjectProperty<>();
    private final ObservableList<PercentileRow> percentiles = FXCollections.observableArrayList();
    private final TaskState task = new TaskState("pick a deployment in the Plan tab");
    private final StringProperty summary = new SimpleStringProperty("");

    public void started(String what) {
        task.started("simulating " + what + "…");
    }

    public void finished(String what, SimulationResult r) {
        task.succeeded();
        percentiles.setAll(rows(r));
        summary.set(String.format(Locale.ROOT, "%s: %s, %d requests (%d measured, %d rejected), %.2f req/s, "
                        + "%.0f output tokens/s, SLA attainment %.1f %%, %d preemptions",
                what, r.deployment(), r.requests(), r.measuredRequests(), r.rejectedRequests(), r.requestsPerS(),
                r.outputTokensPerS(), 100 * r.slaAttainment(), r.preemptions()));
        result.set(r);
        task.statusProperty().set("simulated " + String.format(Locale.ROOT, "%.1f s", r.simulatedMs() / 1000));
    }

    static List<PercentileRow> rows(SimulationResult r) {
        List<PercentileRow> rows = new ArrayList<>();
        rows.add(row("TTFT (ms)", r.ttft()));
        rows.add(row("ITL (ms)", r.itl()));
        rows.add(row("TPOT (ms)", r.tpot()));
        rows.add(row("E2E (ms)", r.e2e()));
        if (r.kvTransfer().count() > 0) {
            rows.add(row("KV transfer (ms)", r.kvTransfer()));
        }
        return rows;
    }

    private static PercentileRow row(String name, LatencyStats s) {
        return new PercentileRow(name, s.meanMs(), s.p50Ms(), s.p90Ms(), s.p99Ms());
    }

    /** One series per pool: time in seconds against a sampled quantity. */
    public static Map<String, List<double[]>> series(SimulationResult r, ToDoubleFunction<TimeSeriesSample> value) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (TimeSeriesSample s : r.timeSeries()) {
            out.computeIfAbsent(s.pool(), k -> new ArrayList<>()).add(new double[] {s.tMs() / 1000.0,
                value.applyAsDouble(s)});
        }
        return out;
    }

    public ObjectProperty<SimulationResult> resultProperty() {
        return result;
    }

    public ObservableList<PercentileRow> percentiles() {
        return percentiles;
    }

    @Override
    public TaskState task() {
        return task;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
