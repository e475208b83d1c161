package dev.plimsoll.gui.replay;

import dev.plimsoll.gui.Explorer;
import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.InputsStore;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay tab on the headless Monocle platform: opened by its shortcut, it replays and shows its table. */
@ExtendWith(ApplicationExtension.class)
class ReplayViewTest {
    private static final long REPLAY_TIMEOUT_S = 120;

    @TempDir
    static Path dir;

    private Explorer explorer;

    @Start
    void start(Stage stage) throws Exception {
        explorer = new Explorer(TestServices.get(), InputsStore.disabled(), TestServices.quickReference());
        explorer.replayView().viewModel().set(TinyTrace.inputs(TinyTrace.write(dir), List.of("static-peak", "oracle")));
        stage.setScene(explorer.window().scene(1360, 860));
        stage.show();
    }

    @Test
    void openingTheTabReplaysAndRendersTheTableAndCharts(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, explorer.window().tabs().getSelectionModel().getSelectedIndex(), "Ctrl+6 opens the replay tab");
        ReplayViewModel vm = explorer.replayView().viewModel();
        WaitForAsyncUtils.waitFor(REPLAY_TIMEOUT_S, TimeUnit.SECONDS,
                () -> vm.outcomeProperty().get() != null || !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.errorProperty().get());
        TableView<?> table = robot.lookup("#summaryTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals("static-peak", table.getColumns().get(0).getCellData(0));
        assertTrue(robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(c -> "oracle".equals(c.getText())), "the table's cells are rendered");
        LineChart<?, ?> replicas = robot.lookup("#replicaChart").queryAs(LineChart.class);
        assertEquals(2, replicas.getData().size(), "one line per policy of the one aggregated pool");
        assertTrue(robot.lookup("#statusLabel").queryLabeled().getText().startsWith("replayed 2 policies"));
    }
}
