package dev.plimsoll.gui.plan;

import dev.plimsoll.gui.Explorer;
import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.service.InputsStore;
import dev.plimsoll.gui.service.PlanInputs;
import dev.plimsoll.optimizer.search.PlanResult;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan view on the headless Monocle platform, driven through its controls. */
@ExtendWith(ApplicationExtension.class)
class PlanViewTest {
    private static final long PLAN_TIMEOUT_S = 120;

    private Explorer explorer;

    @Start
    void start(Stage stage) {
        explorer = new Explorer(TestServices.get(), InputsStore.disabled(), TestServices.quickReference());
        stage.setScene(explorer.window().scene(1280, 800));
        stage.show();
    }

    private PlanViewModel vm() {
        return explorer.planView().viewModel();
    }

    /** Plans with the current inputs and waits for the frontier. */
    private PlanResult planAndWait(FxRobot robot) throws Exception {
        PlanResult before = vm().resultProperty().get();
        robot.interact(() -> explorer.planView().planNow());
        waitFor(() -> vm().resultProperty().get() != before && !vm().runningProperty().get());
        return vm().resultProperty().get();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(PLAN_TIMEOUT_S, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<double[]> chartPoints() {
        List<double[]> out = new ArrayList<>();
        for (XYChart.Series<Number, Number> s : explorer.planView().chart().getData()) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                out.add(new double[] {d.getXValue().doubleValue(), d.getYValue().doubleValue()});
            }
        }
        return out;
    }

    @Test
    void movingTheItlSliderReplansTheFrontier(FxRobot robot) throws Exception {
        PlanResult first = planAndWait(robot);
        List<double[]> before = chartPoints();
        assertFalse(before.isEmpty(), "the first plan drew a frontier");
        Slider itl = robot.from(explorer.planView().root()).lookup("#itlSlider").queryAs(Slider.class);
        // a looser ITL target: the debounced replan starts by itself, no button pressed
        robot.interact(() -> itl.setValue(25));
        waitFor(() -> vm().resultProperty().get() != first && !vm().runningProperty().get());
        PlanResult second = vm().resultProperty().get();
        assertEquals(25, second.request().sla().itlMs());
        List<double[]> after = chartPoints();
        assertFalse(after.isEmpty());
        assertNotEquals(describe(before), describe(after), "the frontier moved with the ITL target");
        assertEquals(40.0, vm().slaMinTokensPerSPerUserProperty().get(), 1e-9, "SLA region starts at 1000 / 25 ms");
    }

    @Test
    void clickingAPointShowsItsDetails(FxRobot robot) throws Exception {
        PlanResult r = planAndWait(robot);
        TextArea details = robot.from(explorer.planView().root()).lookup("#detailsArea").queryAs(TextArea.class);
        List<Node> points = new ArrayList<>(robot.from(explorer.planView().root()).lookup(".frontier-point").queryAll());
        assertEquals(r.frontier().size(), points.size());
        // the point that is not selected yet: the best is picked on arrival
        Node target = points.stream().filter(n -> !((FrontierPoint) n.getUserData()).proposal().equals(r.best()))
                .findFirst().orElseThrow();
        FrontierPoint fp = (FrontierPoint) target.getUserData();
        robot.clickOn(target);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fp.proposal(), vm().selectedProperty().get());
        assertTrue(details.getText().contains(fp.proposal().describe()), details.getText());
        assertTrue(details.getText().contains("USD/h"), details.getText());
        assertTrue(details.getText().contains("why: "), details.getText());
    }

    @Test
    void aBadConfigJsonShowsItsErrorInTheWindow(FxRobot robot, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{ \"model_type\": \"llama\", \"hidden_size\": \n");
        robot.interact(() -> vm().modelProperty().set(config.toString()));
        robot.interact(() -> explorer.planView().planNow());
        Label error = robot.from(explorer.planView().root()).lookup("#errorLabel").queryAs(Label.class);
        waitFor(() -> !error.getText().isEmpty());
        assertTrue(error.getText().contains("config.json"), error.getText());
        assertFalse(error.getText().contains("\tat "), "no stack trace: " + error.getText());
        assertTrue(error.isVisible());
        assertNull(vm().resultProperty().get(), "nothing planned");
    }

    @Test
    void cancelStopsARunningPlan(FxRobot robot) throws Exception {
        robot.interact(() -> vm().load(TestServices.slowQuestion()));
        robot.interact(() -> explorer.planView().planNow());
        // running: the planner has reported progress
        waitFor(() -> vm().runningProperty().get() && vm().progressProperty().get() > 0);
        Button cancel = robot.from(explorer.planView().root()).lookup("#cancelButton").queryAs(Button.class);
        assertFalse(cancel.isDisabled());
        robot.clickOn(cancel);
        waitFor(() -> !vm().runningProperty().get());
        assertEquals("cancelled", vm().statusProperty().get());
        assertNull(vm().resultProperty().get());
        // the planner's threads stop at their next step rather than finishing the search
        waitFor(() -> !plannerRunning());
    }

    private static boolean plannerRunning() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> {
            for (StackTraceElement e : stack) {
                if (e.getClassName().startsWith("dev.plimsoll.optimizer.search.")) {
                    return true;
                }
            }
            return false;
        });
    }

    private static String describe(List<double[]> points) {
        StringBuilder sb = new StringBuilder();
        for (double[] p : points) {
            sb.append(String.format(java.util.Locale.ROOT, "(%.3f,%.3f)", p[0], p[1]));
        }
        return sb.toString();
    }
}
