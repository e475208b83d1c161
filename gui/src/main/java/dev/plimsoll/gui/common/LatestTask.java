package dev.plimsoll.gui.common;

import javafx.concurrent.Task;
import javafx.concurrent.Worker;

import java.util.function.Consumer;

/**
 * The one background task a view runs at a time. Starting a new task makes it the current one; the
 * outcome of an older task is dropped. Progress, failure and cancel of the current task go to the
 * view model's {@link TaskState}; success goes to the caller. Use on the FX thread.
 */
public final class LatestTask<T> {
    private final TaskState state;
    private final boolean interruptOnCancel;
    private Task<T> current;

    /**
     * @param state             where progress, failure and cancel are shown
     * @param interruptOnCancel whether cancel interrupts the worker thread
     */
    public LatestTask(TaskState state, boolean interruptOnCancel) {
        this.state = state;
        this.interruptOnCancel = interruptOnCancel;
    }

    /** Makes {@code task} the current one and starts it; {@code succeeded} gets its value. */
    public void start(Task<T> task, Consumer<T> succeeded) {
        start(task, succeeded, () -> {
        });
    }

    /** As {@link #start(Task, Consumer)}, running {@code cancelled} before the state shows the cancel. */
    public void start(Task<T> task, Consumer<T> succeeded, Runnable cancelled) {
        current = task;
        task.messageProperty().addListener((o, a, m) -> {
            if (task == current && task.isRunning()) {
                state.progressed(m, task.getProgress());
            }
        });
        task.stateProperty().addListener((o, a, s) -> {
            if (task != current) {
                return;
            }
            if (s == Worker.State.SUCCEEDED) {
                succeeded.accept(task.getValue());
            } else if (s == Worker.State.FAILED) {
                state.failed(task.getException());
            } else if (s == Worker.State.CANCELLED) {
                cancelled.run();
                state.cancelled();
            }
        });
        Jobs.start(task);
    }

    /** Cancels the current task if it still runs. */
    public void cancel() {
        if (current != null && current.isRunning()) {
            current.cancel(interruptOnCancel);
        }
    }

    /** The task started last, or null. */
    public Task<T> current() {
        return current;
    }
}
