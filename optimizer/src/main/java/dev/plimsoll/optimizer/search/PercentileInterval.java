package dev.plimsoll.optimizer.search;

/**
 * A two-sided confidence interval of a latency percentile from the confirming runs (see
 * {@link SimulationSpread} for how the runs and their batches make it).
 *
 * @param centreMs the percentile over every measured request, the mean over runs: the figure shown
 * @param lowMs    lower bound
 * @param highMs   upper bound: a plan is proposed only when it is within the SLA
 * @param batches  batch estimates behind the spread
 */
public record PercentileInterval(double centreMs, double lowMs, double highMs, int batches) {

    /** The interval of the runs' percentiles {@code runEstimates} and their batches' {@code batchEstimates}. */
    public static PercentileInterval replicated(double[] runEstimates, double[] batchEstimates, double level) {
        double[] i = SimulationSpread.interval(runEstimates, batchEstimates, level);
        return new PercentileInterval(i[0], i[1], i[2], batchEstimates.length);
    }

    /** The interval is known and lies at or below {@code bound}. */
    public boolean within(double bound) {
        return !Double.isNaN(highMs) && highMs <= bound;
    }

    /** The interval is known and lies above {@code bound}: decisively missed. */
    public boolean beyond(double bound) {
        return !Double.isNaN(lowMs) && lowMs > bound;
    }
}
