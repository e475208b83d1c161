package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.ProgressListener;
import dev.plimsoll.perfmodel.workload.ArrivalSource;
import dev.plimsoll.perfmodel.workload.Workload;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress bar on stderr for long simulations, shown only on a terminal and only once a run has
 * taken {@link #SHOW_AFTER_MS}: short runs and piped output stay quiet. Requests finished (or
 * refused) count the progress, out of the total the workload will send.
 */
public final class ProgressReporter implements ProgressListener, AutoCloseable {
    /** A run that ends sooner never shows a bar (it would only flash). */
    static final long SHOW_AFTER_MS = 1000;
    /** Redraws per second of the bar's own thread: 5, smooth without flooding a slow terminal. */
    private static final int UPDATE_INTERVAL_MS = 200;

    private final boolean enabled;
    private final LongSupplier clockMs;
    private final Supplier<ProgressBarConsumer> consumer;
    private final long startMs;
    private long knownTotal = -1;
    private ProgressBar bar;

    ProgressReporter(boolean enabled, LongSupplier clockMs, Supplier<ProgressBarConsumer> consumer) {
        this.enabled = enabled;
        this.clockMs = clockMs;
        this.consumer = consumer;
        this.startMs = clockMs.getAsLong();
    }

    /** A bar on stderr when standard output is a terminal, else nothing. */
    public static ProgressReporter forConsole() {
        return new ProgressReporter(System.console() != null, System::currentTimeMillis,
                () -> new ConsoleProgressBarConsumer(System.err));
    }

    /** For tests: a bar of fixed width on {@code out}. */
    static ProgressReporter to(PrintStream out, LongSupplier clockMs) {
        return new ProgressReporter(true, clockMs, () -> new ConsoleProgressBarConsumer(out, 100));
    }

    /**
     * Counts an open-loop workload's requests ahead of the run (one pass over the trace or the
     * generator, milliseconds for the public traces), so the bar can show a percentage and an ETA.
     * Skipped when no bar can be shown.
     */
    public void expect(Workload workload) {
        if (!enabled || !(workload instanceof Workload.OpenLoop)) {
            return;
        }
        long n = 0;
        try (ArrivalSource source = ((Workload.OpenLoop) workload).source().get()) {
            while (source.next() != null) {
                n++;
            }
        }
        knownTotal = n;
    }

    /** Moves the bar to the end of the run (progress is only reported every so many requests). */
    public void finished(long requests) {
        if (bar != null) {
            bar.stepTo(requests);
        }
    }

    @Override
    public void onProgress(double simulatedMs, long finished, long expected) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            if (clockMs.getAsLong() - startMs < SHOW_AFTER_MS) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName("simulate")
                    .setInitialMax(expected > 0 ? expected : knownTotal)
                    .setUnit(" req", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(UPDATE_INTERVAL_MS)
                    .setConsumer(consumer.get())
                    .build();
        }
        bar.stepTo(finished);
        bar.setExtraMessage(String.format(Locale.ROOT, "%.0f s simulated", simulatedMs / 1000.0));
    }

    boolean showing() {
        return bar != null;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
