package dev.plimsoll.gui.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Read-only table columns whose cells are text computed from the row. */
public final class TextColumns {
    private TextColumns() {
    }

    public static <R> TableColumn<R, String> of(String title, Function<R, String> text, double prefWidth) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(text.apply(cd.getValue())));
        c.setPrefWidth(prefWidth);
        return c;
    }
}
