package dev.plimsoll.perfmodel.validate;

import java.util.List;
import java.util.Map;

/**
 * Result of {@code plimsoll validate --measured}. The headline covers the fully specified rows;
 * rows that leave out a fact the deployment needs ({@link MeasuredDeployment#underspecified()}) are
 * scored apart, under the assumption each prediction states.
 *
 * @param rows            lines in the file (malformed ones included)
 * @param predictions     every predicted row, fully specified or not, with its prediction
 * @param uncovered       rows Plimsoll could not predict, with the reason
 * @param headline        the fully specified rows
 * @param underspecified  the underspecified rows
 * @param gpus            the fully specified rows per GPU system, in first-seen order
 */
public record ValidationReport(int rows, List<RowPrediction> predictions, List<Uncovered> uncovered,
                               Scorecard headline, Scorecard underspecified, Map<String, Scorecard> gpus) {

    /**
     * A row Plimsoll could not predict.
     *
     * @param underspecified whether the row left out a fact the deployment needs
     */
    public record Uncovered(String id, int line, String group, String reason, boolean underspecified) {
    }

    /** Errors over the predicted, fully specified rows. */
    public ErrorSummary overall() {
        return headline.overall();
    }

    /** Errors per group over the predicted, fully specified rows. */
    public Map<String, ErrorSummary> groups() {
        return headline.groups();
    }

    /** Predicted fully specified rows. */
    public int covered() {
        return headline.covered();
    }

    /** Predicted over fully specified rows. */
    public double coverage() {
        return headline.coverage();
    }
}
