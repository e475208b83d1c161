package dev.plimsoll.gui.compare;

import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.gui.service.StepBreakdown;
import dev.plimsoll.perfmodel.estimate.Estimate;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** State of the compare view: one workload on two GPU / layout choices, side by side. Properties only. */
public final class CompareViewModel implements TaskStateHolder {
    /**
     * One compared figure.
     *
     * @param metric    name with unit
     * @param left      the first choice's value
     * @param right     the second choice's value
     * @param higherIsBetter whether a larger value is the better one
     */
    public record Row(String metric, double left, double right, boolean higherIsBetter) {
        /** right / left. */
        public double ratio() {
            return left == 0 ? Double.NaN : right / left;
        }
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final StringProperty model = new SimpleStringProperty("qwen3-32b");
    private final StringProperty quant = new SimpleStringProperty("fp8");
    private final StringProperty engine = new SimpleStringProperty("vllm");
    private final IntegerProperty isl = new SimpleIntegerProperty(4000);
    private final IntegerProperty osl = new SimpleIntegerProperty(500);
    private final IntegerProperty batch = new SimpleIntegerProperty(32);
    private final StringProperty leftGpu = new SimpleStringProperty("h200-sxm");
    private final IntegerProperty leftTp = new SimpleIntegerProperty(2);
    private final IntegerProperty leftPp = new SimpleIntegerProperty(1);
    private final StringProperty rightGpu = new SimpleStringProperty("h100-sxm");
    private final IntegerProperty rightTp = new SimpleIntegerProperty(2);
    private final IntegerProperty rightPp = new SimpleIntegerProperty(1);

    private final ObjectProperty<StepBreakdown> left = new SimpleObjectProperty<>();
    private final ObjectProperty<StepBreakdown> right = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TaskState task = new TaskState("");

    public void started() {
        task.started("estimating…");
    }

    public void finished(StepBreakdown a, StepBreakdown b) {
        task.succeeded();
        left.set(a);
        right.set(b);
        rows.setAll(rows(a.estimate(), b.estimate()));
        task.statusProperty().set(a.title() + " against " + b.title());
    }

    static List<Row> rows(Estimate a, Estimate b) {
        List<Row> out = new ArrayList<>();
        add(out, "prefill of one request (ms)", a, b, Estimate::prefillMs, false);
        add(out, "TTFT (ms)", a, b, Estimate::ttftMs, false);
        add(out, "decode step (ms)", a, b, Estimate::decodeStepMs, false);
        add(out, "ITL (ms)", a, b, Estimate::itlMs, false);
        add(out, "tokens/s per replica", a, b, Estimate::throughputTokensPerS, true);
        add(out, "tokens/s/GPU", a, b, Estimate::tokensPerSPerGpu, true);
        add(out, "tokens/s/user", a, b, Estimate::tokensPerSPerUser, true);
        add(out, "GPUs per replica", a, b, e -> e.gpus(), false);
        add(out, "KV capacity (tokens per rank)", a, b, e -> e.kvCapacityTokens(), true);
        add(out, "largest batch per rank", a, b, e -> e.maxBatch(), true);
        add(out, "weights per GPU (GiB)", a, b, e -> e.memory().weightsBytes() / GIB, false);
        return out;
    }

    private static void add(List<Row> out, String name, Estimate a, Estimate b, ToDoubleFunction<Estimate> f,
                            boolean higherIsBetter) {
        out.add(new Row(name, f.applyAsDouble(a), f.applyAsDouble(b), higherIsBetter));
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty quantProperty() {
        return quant;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public IntegerProperty islProperty() {
        return isl;
    }

    public IntegerProperty oslProperty() {
        return osl;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public StringProperty leftGpuProperty() {
        return leftGpu;
    }

    public IntegerProperty leftTpProperty() {
        return leftTp;
    }

    public IntegerProperty leftPpProperty() {
        return leftPp;
    }

    public StringProperty rightGpuProperty() {
        return rightGpu;
    }

    public IntegerProperty rightTpProperty() {
        return rightTp;
    }

    public IntegerProperty rightPpProperty() {
        return rightPp;
    }

    public ObjectProperty<StepBreakdown> leftProperty() {
        return left;
    }

    public ObjectProperty<StepBreakdown> rightProperty() {
        return right;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    @Override
    public TaskState task() {
        return task;
    }
}
