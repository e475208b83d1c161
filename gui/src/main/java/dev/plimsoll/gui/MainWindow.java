package dev.plimsoll.gui;

import dev.plimsoll.gui.common.ExplorerView;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.List;

/** The explorer's window content: one tab per view; Ctrl+1..n switch tabs. */
public final class MainWindow {
    public static final String STYLESHEET = "/dev/plimsoll/gui/plimsoll.css";

    private final TabPane tabs = new TabPane();
    private final List<ExplorerView> views;

    public MainWindow(List<ExplorerView> views) {
        this.views = List.copyOf(views);
        for (ExplorerView v : views) {
            Tab t = new Tab(v.title(), v.root());
            t.setId(v.name() + "-tab");
            t.setClosable(false);
            tabs.getTabs().add(t);
        }
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // a view computes what it shows when its tab is opened (the simulate view its pick, for example)
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                this.views.get(i.intValue()).refresh();
            }
        });
    }

    public Parent root() {
        return tabs;
    }

    public List<ExplorerView> views() {
        return views;
    }

    public TabPane tabs() {
        return tabs;
    }

    public void select(ExplorerView v) {
        tabs.getSelectionModel().select(views.indexOf(v));
    }

    /** A scene with the stylesheet and the tab shortcuts. */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(tabs, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6};
        for (int i = 0; i < views.size() && i < digits.length; i++) {
            int index = i;
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(index));
        }
        return scene;
    }
}
