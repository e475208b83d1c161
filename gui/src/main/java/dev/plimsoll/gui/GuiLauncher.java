package dev.plimsoll.gui;

import javafx.application.Application;

/**
 * Opens the explorer. Not a subclass of {@link Application}: a JavaFX application started from a
 * plain (shaded) jar on the class path must enter through a class that is not one, or the launcher
 * asks for the JavaFX modules on the module path.
 */
public final class GuiLauncher {
    private GuiLauncher() {
    }

    /** Opens the window and returns when it is closed. */
    public static void open() {
        if (!FxPlatform.hasDisplay()) {
            throw new dev.plimsoll.perfmodel.error.UserInputException(
                    "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); run under a desktop or "
                            + "xvfb-run, or render the views to PNG with 'plimsoll gui --snapshot DIR'");
        }
        FxPlatform.quietClasspathWarning();
        Application.launch(PlimsollApp.class);
    }

    public static void main(String[] args) {
        open();
    }
}
