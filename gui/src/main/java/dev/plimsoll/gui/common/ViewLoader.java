package dev.plimsoll.gui.common;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

/** Loads a view's FXML, next to its class, with the view itself as controller. */
public final class ViewLoader {
    private ViewLoader() {
    }

    public static Parent load(Class<?> viewClass, String fxml, Object controller) {
        URL url = viewClass.getResource(fxml);
        if (url == null) {
            throw new IllegalStateException("missing " + fxml + " beside " + viewClass.getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml + ": " + e.getMessage(), e);
        }
    }
}
