package dev.plimsoll.gui.validate;

import dev.plimsoll.gui.common.TaskState;
import dev.plimsoll.gui.common.TaskStateHolder;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.validate.ErrorSummary;
import dev.plimsoll.perfmodel.validate.RowPrediction;
import dev.plimsoll.perfmodel.validate.ValidationReport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** State of the validate view: a measured-deployments file, its predictions and error summary. Properties only. */
public final class ValidateViewModel implements TaskStateHolder {
    /**
     * One row of the error table; errors as fractions.
     *
     * @param group model, backend and mode, or "all"
     */
    public record SummaryRow(String group, int rows, double ttftMedianApe, double ttftP90Ape, double tpotMedianApe,
                             double tpotP90Ape, double ttftBias, double tpotBias) {
        static SummaryRow of(String group, ErrorSummary s) {
            return new SummaryRow(group, s.rows(), s.ttftMedianApe(), s.ttftP90Ape(), s.tpotMedianApe(),
                    s.tpotP90Ape(), s.ttftBias(), s.tpotBias());
        }
    }

    private final StringProperty measuredFile = new SimpleStringProperty("");
    private final StringProperty modelsDir = new SimpleStringProperty("");
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<ValidationReport> report = new SimpleObjectProperty<>();
    private final ObservableList<SummaryRow> summary = FXCollections.observableArrayList();
    private final TaskState task = new TaskState("choose a measured-deployments CSV");

    /** The measured file; a missing one is the user's to fix. */
    public Path measuredPath() {
        String f = measuredFile.get() == null ? "" : measuredFile.get().trim();
        if (f.isEmpty()) {
            throw new UserInputException("choose a measured-deployments CSV (AIConfigurator silicon format)");
        }
        Path p = Path.of(f);
        if (!Files.isRegularFile(p)) {
            throw new UserInputException(f + ": no such file");
        }
        return p;
    }

    /** The models directory, or null when none is given. */
    public Path modelsPath() {
        String d = modelsDir.get() == null ? "" : modelsDir.get().trim();
        return d.isEmpty() ? null : Path.of(d);
    }

    public void started() {
        task.started("validating…");
    }

    public void finished(ValidationReport r) {
        task.succeeded();
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(SummaryRow.of("all", r.overall()));
        for (Map.Entry<String, ErrorSummary> e : new TreeMap<>(r.groups()).entrySet()) {
            rows.add(SummaryRow.of(e.getKey(), e.getValue()));
        }
        summary.setAll(rows);
        report.set(r);
        task.statusProperty().set(String.format(Locale.ROOT, "%d of %d fully specified rows predicted (%.0f %% coverage); TTFT median "
                        + "error %.1f %%, TPOT median error %.1f %%; %d underspecified rows scored apart", r.covered(),
                r.headline().rows(), 100 * r.coverage(), 100 * r.overall().ttftMedianApe(),
                100 * r.overall().tpotMedianApe(), r.underspecified().rows()));
    }

    public void invalid(String message) {
        task.invalid(message);
    }

    /** Predictions by group, groups sorted, for the scatter charts' series. */
    public static Map<String, List<RowPrediction>> byGroup(ValidationReport r) {
        Map<String, List<RowPrediction>> out = new LinkedHashMap<>();
        for (RowPrediction p : r.predictions()) {
            out.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        }
        return new TreeMap<>(out);
    }

    public StringProperty measuredFileProperty() {
        return measuredFile;
    }

    public StringProperty modelsDirProperty() {
        return modelsDir;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<ValidationReport> reportProperty() {
        return report;
    }

    public ObservableList<SummaryRow> summary() {
        return summary;
    }

    @Override
    public TaskState task() {
        return task;
    }
}
