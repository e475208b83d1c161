package dev.plimsoll.gui.common;

import javafx.scene.Parent;

/** One tab of the explorer, as the main window and the snapshot renderer see it. */
public interface ExplorerView {
    /** File-name stem and tab id: plan, breakdown, compare, simulate, validate, replay. */
    String name();

    String title();

    Parent root();

    /** Starts the view's work for its current inputs (a no-op when it has nothing to compute). */
    void refresh();

    /** The view's state; its task state says whether background work runs. */
    TaskStateHolder viewModel();

    /** Whether background work of the view is still running; read on the FX thread. */
    default boolean busy() {
        return viewModel().runningProperty().get();
    }
}
