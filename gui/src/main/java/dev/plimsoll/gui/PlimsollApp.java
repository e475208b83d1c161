package dev.plimsoll.gui;

import dev.plimsoll.gui.service.GuiServices;
import dev.plimsoll.gui.service.InputsStore;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop explorer as a JavaFX application; started through {@link GuiLauncher}. */
public final class PlimsollApp extends Application {
    @Override
    public void start(Stage stage) {
        InputsStore store = InputsStore.standard();
        Explorer explorer = new Explorer(GuiServices.bundled(), store, Explorer.startingInputs(store));
        stage.setTitle("Plimsoll explorer");
        stage.setScene(explorer.window().scene(1360, 860));
        stage.show();
        explorer.planView().planNow();
    }
}
