package dev.plimsoll.profiler;

import dev.plimsoll.profiler.bench.PointListener;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts finished points and reports progress with an ETA: the plan's estimated time of the points
 * left, scaled by how the run's actual pace compares with the estimate so far. Reports at most one
 * line every {@value #REPORT_EVERY_S} s; stops the run at the time limit.
 */
public final class ProgressTracker implements PointListener {
    static final double REPORT_EVERY_S = 5;

    private final int total;
    private final double estimatedTotalS;
    private final double timeLimitS;
    private final Consumer<String> report;
    private final LongSupplier nanos;
    private final long startNs;
    private int done;
    private double estimatedDoneS;
    private double lastReportS = -REPORT_EVERY_S;
    private boolean stopped;

    /**
     * @param estimatedTotalS the plan's estimated measuring time (compilation excluded)
     * @param timeLimitS      0 for none
     */
    public ProgressTracker(int total, double estimatedTotalS, double timeLimitS, Consumer<String> report,
                           LongSupplier nanos) {
        this.total = total;
        this.estimatedTotalS = estimatedTotalS;
        this.timeLimitS = timeLimitS;
        this.report = report;
        this.nanos = nanos;
        this.startNs = nanos.getAsLong();
    }

    @Override
    public synchronized void done(String label, double estimatedSeconds) {
        done++;
        estimatedDoneS += estimatedSeconds;
        double elapsed = elapsedS();
        if (elapsed - lastReportS >= REPORT_EVERY_S || done == total) {
            lastReportS = elapsed;
            report.accept(line(label, elapsed));
        }
    }

    String line(String label, double elapsed) {
        double left = Math.max(0, estimatedTotalS - estimatedDoneS);
        double pace = estimatedDoneS > 0 ? elapsed / estimatedDoneS : 1.0;
        return String.format(Locale.ROOT, "profile: %d/%d points (%d%%), %s elapsed, about %s left: %s", done, total,
                total == 0 ? 100 : 100 * done / total, duration(elapsed), duration(left * pace), label);
    }

    @Override
    public synchronized boolean stopRequested() {
        if (!stopped && timeLimitS > 0 && elapsedS() >= timeLimitS) {
            stopped = true;
            report.accept(String.format(Locale.ROOT, "profile: time limit of %s reached after %d/%d points; writing "
                    + "what was measured", duration(timeLimitS), done, total));
        }
        return stopped;
    }

    public synchronized boolean stopped() {
        return stopped;
    }

    public synchronized int done() {
        return done;
    }

    public double elapsedS() {
        return (nanos.getAsLong() - startNs) / 1e9;
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
