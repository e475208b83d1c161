package dev.plimsoll.gui.common;

import dev.plimsoll.gui.service.Cancellation;
import dev.plimsoll.gui.service.ProgressSink;
import javafx.concurrent.Task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** Long work off the FX thread: a {@link Task} whose progress and cancel reach the service. */
public final class Jobs {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plimsoll-gui-job-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Jobs() {
    }

    /** A task running {@code work} with a progress sink and a cancellation tied to the task. */
    public static <T> Task<T> task(BiFunction<ProgressSink, Cancellation, T> work) {
        return new Task<>() {
            @Override
            protected T call() {
                ProgressSink sink = (message, fraction) -> {
                    updateMessage(message);
                    if (fraction >= 0) {
                        updateProgress(fraction, 1.0);
                    }
                };
                return work.apply(sink, this::isCancelled);
            }
        };
    }

    public static void start(Task<?> task) {
        EXECUTOR.execute(task);
    }
}
