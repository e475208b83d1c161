package dev.plimsoll.perfmodel.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one set of measured rows: how many there were, how many Plimsoll predicted, their
 * errors, and the errors per (model, backend, mode) group in first-seen order.
 *
 * @param rows    measured rows in the set, predicted or not
 * @param overall errors over the predicted rows
 * @param groups  errors per group
 */
public record Scorecard(int rows, ErrorSummary overall, Map<String, ErrorSummary> groups) {

    public static Scorecard of(int rows, List<RowPrediction> predictions) {
        Map<String, List<RowPrediction>> byGroup = new LinkedHashMap<>();
        for (RowPrediction p : predictions) {
            byGroup.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        }
        Map<String, ErrorSummary> groups = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> groups.put(k, ErrorSummary.of(v)));
        return new Scorecard(rows, ErrorSummary.of(predictions), groups);
    }

    public int covered() {
        return overall.rows();
    }

    /** Predicted rows over rows; 0 for an empty set. */
    public double coverage() {
        return rows == 0 ? 0 : (double) covered() / rows;
    }
}
