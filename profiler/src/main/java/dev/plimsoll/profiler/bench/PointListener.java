package dev.plimsoll.profiler.bench;

/** What a benchmark tells the run as it goes, and asks it. */
public interface PointListener {
    /** One point finished (measured or skipped). */
    void done(String label, double estimatedSeconds);

    /** The time limit is reached: measure no more points. */
    boolean stopRequested();
}
