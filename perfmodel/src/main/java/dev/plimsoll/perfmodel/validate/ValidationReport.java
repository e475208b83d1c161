package dev.plimsoll.perfmodel.validate;

import java.util.List;
import java.util.Map;

/**
 * Result of {@code plimsoll validate --measured}.
 *
 * @param rows        deployments in the file
 * @param predictions covered rows with their predictions
 * @param uncovered   rows Plimsoll could not predict, with the reason
 * @param overall     errors over all covered rows
 * @param groups      errors per (model, backend, mode), in first-seen order
 */
public record ValidationReport(int rows, List<RowPrediction> predictions, List<Uncovered> uncovered,
                               ErrorSummary overall, Map<String, ErrorSummary> groups) {

    /** A row Plimsoll could not predict. */
    public record Uncovered(String id, int line, String group, String reason) {
    }

    public int covered() {
        return predictions.size();
    }

    public double coverage() {
        return rows == 0 ? 0 : (double) covered() / rows;
    }
}
