package dev.plimsoll.gui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;

/** Ties a view's status line, error line, progress and cancel button to its view model's task state. */
public final class StatusBar {
    private StatusBar() {
    }

    /** The status and error labels show the task state's lines. */
    public static void bindLines(TaskStateHolder vm, Label status, Label error) {
        status.textProperty().bind(vm.statusProperty());
        error.textProperty().bind(vm.errorProperty());
    }

    /** {@code indicator} shows while work runs; {@code cancel} is enabled only then. */
    public static void bindRunning(TaskStateHolder vm, ProgressIndicator indicator, Button cancel) {
        indicator.visibleProperty().bind(vm.runningProperty());
        cancel.disableProperty().bind(vm.runningProperty().not());
    }

    /** As {@link #bindRunning}, the bar also showing the fraction done. */
    public static void bindProgress(TaskStateHolder vm, ProgressBar bar, Button cancel) {
        bar.progressProperty().bind(vm.progressProperty());
        bindRunning(vm, bar, cancel);
    }
}
