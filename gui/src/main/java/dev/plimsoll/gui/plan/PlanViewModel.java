package dev.plimsoll.gui.plan;

import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.gui.service.PlanInputs.LoadKind;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * State of the plan view: inputs, the running plan's progress, the frontier and the picked point.
 * Properties only (javafx.beans, no controls), so it is tested without the toolkit.
 */
public final class PlanViewModel implements TaskStateHolder {
    public static final List<String> ENGINES = List.of("vllm", "sglang", "trtllm");
    public static final List<String> QUANTS = quants();
    public static final List<String> MODES = List.of("both", "agg", "disagg");
    public static final List<Integer> PERCENTILES = List.of(50, 90, 99);

    private final StringProperty model = new SimpleStringProperty();
    private final StringProperty gpus = new SimpleStringProperty();
    private final StringProperty engine = new SimpleStringProperty();
    private final StringProperty quant = new SimpleStringProperty();
    private final IntegerProperty isl = new SimpleIntegerProperty();
    private final IntegerProperty osl = new SimpleIntegerProperty();
    private final IntegerProperty prefix = new SimpleIntegerProperty();
    private final ObjectProperty<LoadKind> loadKind = new SimpleObjectProperty<>();
    private final DoubleProperty loadValue = new SimpleDoubleProperty();
    private final DoubleProperty ttftMs = new SimpleDoubleProperty();
    /** The TPOT slider's value, kept while the target is off ({@link #tpotOn}). */
    private final DoubleProperty tpotMs = new SimpleDoubleProperty();
    private final BooleanProperty tpotOn = new SimpleBooleanProperty();
    private final DoubleProperty itlMs = new SimpleDoubleProperty();
    private final BooleanProperty itlOn = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> percentile = new SimpleObjectProperty<>();
    private final StringProperty mode = new SimpleStringProperty();
    private final BooleanProperty simulate = new SimpleBooleanProperty();
    private final StringProperty trace = new SimpleStringProperty("");

    private final TaskState task = new TaskState("");
    private final ObjectProperty<PlanResult> result = new SimpleObjectProperty<>();
    private final ObservableList<FrontierPoint> aggregatedPoints = FXCollections.observableArrayList();
    private final ObservableList<FrontierPoint> disaggregatedPoints = FXCollections.observableArrayList();
    private final ObservableList<FrontierPoint> allPoints = FXCollections.observableArrayList();
    private final ObjectProperty<Proposal> selected = new SimpleObjectProperty<>();
    private final StringProperty details = new SimpleStringProperty("");
    private final DoubleProperty slaMinTokensPerSPerUser = new SimpleDoubleProperty(Double.NaN);
    private final StringProperty summary = new SimpleStringProperty("");

    public PlanViewModel(PlanInputs initial) {
        load(initial);
        selected.addListener((obs, old, now) -> details.set(now == null || result.get() == null ? ""
                : ProposalDetails.describe(result.get(), now)));
    }

    /** Puts inputs into the fields (start-up, remembered inputs). */
    public void load(PlanInputs in) {
        model.set(in.model());
        gpus.set(String.join(",", in.gpus()));
        engine.set(in.engine());
        quant.set(in.quant());
        isl.set(in.isl());
        osl.set(in.osl());
        prefix.set(in.prefixTokens());
        loadKind.set(in.loadKind());
        loadValue.set(in.loadValue());
        ttftMs.set(in.ttftMs());
        tpotOn.set(Double.isFinite(in.tpotMs()));
        tpotMs.set(Double.isFinite(in.tpotMs()) ? in.tpotMs() : sliderValueWithout(in.itlMs()));
        itlOn.set(Double.isFinite(in.itlMs()));
        itlMs.set(Double.isFinite(in.itlMs()) ? in.itlMs() : sliderValueWithout(in.tpotMs()));
        percentile.set(in.percentile());
        mode.set(in.mode());
        simulate.set(in.simulate());
        trace.set(in.trace());
    }

    /** The inputs as one value; a bad field is a {@link UserInputException} naming it. */
    public PlanInputs inputs() {
        List<String> gpuIds = new ArrayList<>();
        for (String g : Arrays.asList(nullToEmpty(gpus.get()).split(","))) {
            if (!g.isBlank()) {
                gpuIds.add(g.trim().toLowerCase(Locale.ROOT));
            }
        }
        double tpot = tpotOn.get() ? tpotMs.get() : Double.POSITIVE_INFINITY;
        double itl = itlOn.get() ? itlMs.get() : Double.POSITIVE_INFINITY;
        if (!(ttftMs.get() > 0) || !(tpot > 0) || !(itl > 0)) {
            throw new UserInputException("TTFT, TPOT and ITL targets must be positive milliseconds, got TTFT "
                    + ttftMs.get() + " ms, TPOT " + tpot + " ms, ITL " + itl + " ms");
        }
        if (!(loadValue.get() > 0)) {
            throw new UserInputException("the load must be positive, got " + loadValue.get() + " "
                    + loadKind.get().label());
        }
        return new PlanInputs(nullToEmpty(model.get()).trim(), gpuIds, engine.get(), quant.get(), isl.get(), osl.get(),
                prefix.get(), loadKind.get(), loadValue.get(), ttftMs.get(), tpot, itl, percentile.get(), mode.get(),
                simulate.get(), trace.get());
    }

    /** Every input property, for the view to replan when any changes. */
    public List<ObservableValue<?>> inputProperties() {
        return List.of(model, gpus, engine, quant, isl, osl, prefix, loadKind, loadValue, ttftMs, tpotMs, tpotOn, itlMs,
                itlOn, percentile, mode, simulate, trace);
    }

    public void started(PlanInputs in) {
        task.started("planning " + in.describe());
    }

    /** A finished plan: the frontier split by architecture, the best deployment picked. */
    public void finished(PlanResult r) {
        task.succeeded();
        task.progressProperty().set(1);
        task.errorProperty().set("");
        selected.set(null);
        List<FrontierPoint> agg = new ArrayList<>();
        List<FrontierPoint> disagg = new ArrayList<>();
        for (Proposal p : r.frontier()) {
            FrontierPoint fp = FrontierPoint.of(p);
            (fp.aggregated() ? agg : disagg).add(fp);
        }
        aggregatedPoints.setAll(agg);
        disaggregatedPoints.setAll(disagg);
        List<FrontierPoint> all = new ArrayList<>(agg);
        all.addAll(disagg);
        all.sort((a, b) -> Double.compare(a.tokensPerSPerUser(), b.tokensPerSPerUser()));
        allPoints.setAll(all);
        slaMinTokensPerSPerUser.set(1000.0 / r.request().sla().tokenMs());
        result.set(r);
        summary.set(String.format(Locale.ROOT, "%d engine configurations (%d fit), %d deployments within the SLA, "
                        + "%d simulations; search %d ms%s", r.candidates(), r.fitted(), r.proposals(), r.simulations(),
                r.searchMs(), r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes())));
        task.statusProperty().set("planned in " + r.searchMs() + " ms");
        selected.set(r.best());
    }

    public void failed(Throwable t) {
        task.failed(t);
    }

    /** An input could not be read: the message in the window, nothing planned. */
    public void invalid(String message) {
        task.invalid(message);
        task.statusProperty().set("fix the inputs to plan");
    }

    public void select(Proposal p) {
        selected.set(p);
    }

    private static List<String> quants() {
        List<String> q = new ArrayList<>();
        q.add(PlanInputs.DEFAULT_QUANT);
        q.addAll(QuantPresets.NAMES);
        return List.copyOf(q);
    }

    /**
     * Where a switched-off per-token slider rests: the other target's value, so that switching it on
     * starts from a bound the plan already meets roughly (a request's mean gap and its gaps' tail
     * are of one size when no prompt interrupts decoding).
     */
    private static double sliderValueWithout(double otherMs) {
        return Double.isFinite(otherMs) ? otherMs : 40;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty gpusProperty() {
        return gpus;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public StringProperty quantProperty() {
        return quant;
    }

    public IntegerProperty islProperty() {
        return isl;
    }

    public IntegerProperty oslProperty() {
        return osl;
    }

    public IntegerProperty prefixProperty() {
        return prefix;
    }

    public ObjectProperty<LoadKind> loadKindProperty() {
        return loadKind;
    }

    public DoubleProperty loadValueProperty() {
        return loadValue;
    }

    public DoubleProperty ttftMsProperty() {
        return ttftMs;
    }

    public DoubleProperty tpotMsProperty() {
        return tpotMs;
    }

    /** Whether the TPOT target bounds the plan (its slider keeps its value while off). */
    public BooleanProperty tpotOnProperty() {
        return tpotOn;
    }

    public DoubleProperty itlMsProperty() {
        return itlMs;
    }

    public BooleanProperty itlOnProperty() {
        return itlOn;
    }

    public ObjectProperty<Integer> percentileProperty() {
        return percentile;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public BooleanProperty simulateProperty() {
        return simulate;
    }

    public StringProperty traceProperty() {
        return trace;
    }

    @Override
    public TaskState task() {
        return task;
    }

    public ObjectProperty<PlanResult> resultProperty() {
        return result;
    }

    public ObservableList<FrontierPoint> aggregatedPoints() {
        return aggregatedPoints;
    }

    public ObservableList<FrontierPoint> disaggregatedPoints() {
        return disaggregatedPoints;
    }

    public ObservableList<FrontierPoint> allPoints() {
        return allPoints;
    }

    public ObjectProperty<Proposal> selectedProperty() {
        return selected;
    }

    public StringProperty detailsProperty() {
        return details;
    }

    public DoubleProperty slaMinTokensPerSPerUserProperty() {
        return slaMinTokensPerSPerUser;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
