package dev.plimsoll.gui.breakdown;

import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.gui.service.StepBreakdown;
import dev.plimsoll.perfmodel.cost.Provenance;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;
import dev.plimsoll.perfmodel.ops.Phase;
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

/** State of the step-breakdown view: the picked deployment's pools and the one shown. Properties only. */
public final class BreakdownViewModel implements TaskStateHolder {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final ObservableList<StepBreakdown> pools = FXCollections.observableArrayList();
    private final ObjectProperty<StepBreakdown> shown = new SimpleObjectProperty<>();
    private final TaskState task = new TaskState("pick a deployment in the Plan tab");
    private final StringProperty summary = new SimpleStringProperty("");

    public BreakdownViewModel() {
        shown.addListener((o, a, b) -> summary.set(b == null ? "" : summarise(b)));
    }

    public void started() {
        task.started("estimating steps…");
    }

    public void finished(List<StepBreakdown> breakdowns) {
        task.succeeded();
        pools.setAll(breakdowns);
        shown.set(breakdowns.isEmpty() ? null : breakdowns.get(breakdowns.size() - 1));
        task.statusProperty().set(breakdowns.size() + (breakdowns.size() == 1 ? " pool" : " pools"));
    }

    /** Per op of one phase, its time by provenance: op name to (provenance to ms), in graph order. */
    public static Map<String, Map<Provenance, Double>> opsByProvenance(StepBreakdown b, Phase phase) {
        Map<String, Map<Provenance, Double>> out = new LinkedHashMap<>();
        for (OpTiming t : b.estimate().ops()) {
            if (t.phase() == phase) {
                out.computeIfAbsent(t.name(), k -> new LinkedHashMap<>()).merge(t.provenance(), t.ms(), Double::sum);
            }
        }
        return out;
    }

    /** Ops of both phases with FLOPs and bytes, for the roofline chart. */
    public static List<OpTiming> rooflineOps(StepBreakdown b) {
        List<OpTiming> out = new ArrayList<>();
        for (OpTiming t : b.estimate().ops()) {
            if (t.flops() > 0 && t.bytes() > 0 && t.ms() > 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** Memory of the fullest GPU in GiB: weights, KV cache, activations, reserve, and the capacity. */
    public static Map<String, Double> memoryGib(StepBreakdown b) {
        MemoryBreakdown m = b.estimate().memory();
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("weights", m.weightsBytes() / GIB);
        out.put("KV cache", m.kvCacheBytes() / GIB);
        out.put("activations", m.activationBytes() / GIB);
        out.put("reserve", m.reservedBytes() / GIB);
        out.put("free", Math.max(0, m.capacityBytes() - m.totalBytes()) / GIB);
        return out;
    }

    static String summarise(StepBreakdown b) {
        var e = b.estimate();
        return String.format(Locale.ROOT, "%s%nprefill of one request %.1f ms, decode step %.2f ms at batch %d per rank; "
                        + "KV capacity %,d tokens per rank, largest batch %d; memory %.1f of %.1f GiB per GPU",
                b.title(), e.prefillMs(), e.decodeStepMs(), b.request().batch(), e.kvCapacityTokens(), e.maxBatch(),
                e.memory().totalBytes() / GIB, e.memory().capacityBytes() / GIB);
    }

    public ObservableList<StepBreakdown> pools() {
        return pools;
    }

    public ObjectProperty<StepBreakdown> shownProperty() {
        return shown;
    }

    @Override
    public TaskState task() {
        return task;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
