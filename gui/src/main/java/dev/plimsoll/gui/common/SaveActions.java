package dev.plimsoll.gui.common;

import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A view's export buttons: a save dialog, then the write; a failed write goes to the view's error line.
 * Use on the FX thread.
 */
public final class SaveActions {
    private final Supplier<? extends Node> owner;
    private final TaskState state;

    /**
     * @param owner the view's root, read when a dialog opens (its window owns the dialog)
     * @param state the view model's status and error lines
     */
    public SaveActions(Supplier<? extends Node> owner, TaskState state) {
        this.owner = owner;
        this.state = state;
    }

    /** Asks where to save; null when the user cancels. */
    public File choose(String title, String initialName, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.setInitialFileName(initialName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(title, pattern));
        return c.showSaveDialog(owner.get().getScene().getWindow());
    }

    /** Saves {@code node} as a PNG the user names. */
    public void png(String title, String initialName, Node node) {
        File f = choose(title, initialName, "*.png");
        if (f != null) {
            guard(() -> Exports.png(node, f.toPath()));
        }
    }

    /** Saves {@code table} as shown (column titles, cell texts) as a CSV the user names. */
    public <R> void tableCsv(String title, String initialName, TableView<R> table) {
        File f = choose(title, initialName, "*.csv");
        if (f != null) {
            List<String> header = table.getColumns().stream().map(TableColumn::getText).toList();
            List<List<String>> rows = new ArrayList<>();
            for (R r : table.getItems()) {
                List<String> cells = new ArrayList<>();
                for (TableColumn<R, ?> c : table.getColumns()) {
                    cells.add(String.valueOf(c.getCellData(r)));
                }
                rows.add(cells);
            }
            guard(() -> Exports.csv(header, rows, f.toPath()));
        }
    }

    /** Runs a write; its failure goes to the error line. */
    public void guard(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            state.errorProperty().set(ErrorMessages.of(e));
        }
    }

    /** Runs a write; success puts {@code done} on the status line, failure goes to the error line. */
    public void guard(Runnable write, String done) {
        guard(() -> {
            write.run();
            state.statusProperty().set(done);
        });
    }
}
