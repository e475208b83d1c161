package dev.plimsoll.gui.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Running / progress / status / error of a view model's background work, with the transitions every
 * view shares. Properties only (javafx.beans, no controls), so view models using it stay toolkit-free.
 */
public final class TaskState {
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status;
    private final StringProperty error = new SimpleStringProperty("");

    /** @param initialStatus the status line before any work ran */
    public TaskState(String initialStatus) {
        status = new SimpleStringProperty(initialStatus);
    }

    /** Work began: running, no progress, no error, {@code statusText} on the status line. */
    public void started(String statusText) {
        running.set(true);
        progress.set(0);
        error.set("");
        status.set(statusText);
    }

    public void progressed(String message, double fraction) {
        status.set(message);
        progress.set(fraction);
    }

    /** Work succeeded; the view model then shows the result and sets the status line. */
    public void succeeded() {
        running.set(false);
    }

    public void failed(Throwable t) {
        running.set(false);
        progress.set(0);
        error.set(ErrorMessages.of(t));
        status.set("failed");
    }

    public void cancelled() {
        running.set(false);
        progress.set(0);
        status.set("cancelled");
    }

    /** An input could not be read: the message in the error line, nothing started. */
    public void invalid(String message) {
        error.set(message);
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
