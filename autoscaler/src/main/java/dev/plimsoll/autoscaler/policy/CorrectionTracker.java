package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.optimizer.search.SlaTarget;

/**
 * Online correction of the model: observed over predicted TTFT and ITL at the SLA percentile,
 * smoothed, updated only in windows that say something about the model: enough first tokens for
 * the percentile, a fleet in steady state (no more than one request queued per worker, nothing
 * starting), a finite prediction. Dynamo's planner corrects the same way (its
 * {@code p_correction_factor} and {@code d_correction_factor}, observed over expected latency).
 */
public final class CorrectionTracker {
    /**
     * First tokens a window needs: ten beyond the 90th percentile (100 samples) keeps the
     * percentile's own sampling error near 10 %.
     */
    static final long MIN_SAMPLES = 100;
    /** Weight of a new window: half, so one odd window moves the factor half way. */
    static final double SMOOTHING = 0.5;
    /**
     * Lowest factor: the model may learn it is pessimistic by up to twice, as it may learn it is
     * optimistic by up to {@link AnalyticCapacity#MAX_CORRECTION} (a pessimistic error costs GPUs,
     * an optimistic one the SLA, so the trust is asymmetric).
     */
    static final double MIN_FACTOR = 0.5;
    static final double MAX_FACTOR = AnalyticCapacity.MAX_CORRECTION;
    /**
     * A window judges the model only where the latency is at least this share of its bound: far
     * below the bound the engines' histograms cannot resolve the percentile (vLLM's ITL buckets
     * are 10, 25, 50, 75 ms), and a ratio there says nothing about the point the sizing aims at.
     */
    static final double NEAR_BOUND = 0.5;

    private double ttft = 1.0;
    private double itl = 1.0;

    public CapacityModel.Correction current() {
        return new CapacityModel.Correction(ttft, itl);
    }

    /**
     * @param steady the fleet had no backlog and no action in flight during the window
     */
    public void update(MetricsSnapshot s, CapacityModel.Prediction predicted, SlaTarget sla, boolean steady) {
        if (!steady || s.latencySamples() < MIN_SAMPLES) {
            return;
        }
        if (judges(predicted.ttftMs(), s.ttftMs(), sla.ttftMs())) {
            ttft = smooth(ttft, s.ttftMs() / predicted.ttftMs());
        }
        if (judges(predicted.itlMs(), s.itlMs(), sla.itlMs())) {
            itl = smooth(itl, s.itlMs() / predicted.itlMs());
        }
    }

    private static boolean judges(double predicted, double observed, double bound) {
        return Double.isFinite(predicted) && predicted > 0 && Double.isFinite(observed)
                && Math.max(predicted, observed) >= NEAR_BOUND * bound;
    }

    private static double smooth(double old, double ratio) {
        double r = Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, ratio));
        return (1 - SMOOTHING) * old + SMOOTHING * r;
    }
}
