package dev.plimsoll.perfmodel.sim;

/**
 * Time-weighted KV usage and queue length of one engine. The state is read at every step start
 * (the moments it changes that matter to the scheduler) and held until the next reading.
 */
final class EngineLoad {
    private double usageArea;
    private double queueArea;
    private double lastMs;
    private double lastUsage;
    private int lastQueue;
    private double peakUsage;

    void sample(double nowMs, double usage, int queue) {
        double dt = nowMs - lastMs;
        usageArea += lastUsage * dt;
        queueArea += lastQueue * dt;
        lastMs = nowMs;
        lastUsage = usage;
        lastQueue = queue;
        peakUsage = Math.max(peakUsage, usage);
    }

    /** Mean KV usage over [0, endMs]. */
    double meanUsage(double endMs) {
        double area = usageArea + lastUsage * Math.max(0, endMs - lastMs);
        return endMs > 0 ? area / endMs : 0;
    }

    /** Mean number of queued requests over [0, endMs]. */
    double meanQueue(double endMs) {
        double area = queueArea + lastQueue * Math.max(0, endMs - lastMs);
        return endMs > 0 ? area / endMs : 0;
    }

    double peakUsage() {
        return peakUsage;
    }
}
