package dev.plimsoll.perfmodel.validate;

/**
 * A covered row: what was measured and what Plimsoll predicts.
 *
 * @param row                the measured deployment
 * @param predictedTtftMs    simulated mean TTFT
 * @param predictedTpotMs    simulated mean time per output token
 * @param assumption         what had to be assumed ("" when nothing)
 */
public record RowPrediction(MeasuredDeployment row, double predictedTtftMs, double predictedTpotMs,
                            String assumption) {
    /** Signed relative error of TTFT, (predicted - measured) / measured. */
    public double ttftError() {
        return predictedTtftMs / row.ttftMs() - 1.0;
    }

    public double tpotError() {
        return predictedTpotMs / row.tpotMs() - 1.0;
    }

    /** Grouping key: model, backend, mode. */
    public String group() {
        return row.group();
    }
}
