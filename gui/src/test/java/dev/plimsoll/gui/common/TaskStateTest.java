package dev.plimsoll.gui.common;

import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStateTest {
    @Test
    void startClearsTheLastErrorAndProgressAndShowsWhatRuns() {
        TaskState s = new TaskState("idle");
        assertEquals("idle", s.statusProperty().get());
        s.started("first");
        s.progressed("half way", 0.5);
        s.failed(new UserInputException("plan.json: line 2, column 7: not a number"));
        assertFalse(s.runningProperty().get());
        assertEquals("failed", s.statusProperty().get());
        assertEquals("plan.json: line 2, column 7: not a number", s.errorProperty().get());
        assertEquals(0, s.progressProperty().get());

        s.started("second");
        assertTrue(s.runningProperty().get());
        assertEquals("second", s.statusProperty().get());
        assertEquals("", s.errorProperty().get());
        s.progressed("a third", 1.0 / 3);
        assertEquals("a third", s.statusProperty().get());
        assertEquals(1.0 / 3, s.progressProperty().get(), 1e-12);
    }

    @Test
    void cancelAndSuccessStopTheWork() {
        TaskState s = new TaskState("");
        s.started("work");
        s.progressed("step", 0.7);
        s.cancelled();
        assertFalse(s.runningProperty().get());
        assertEquals("cancelled", s.statusProperty().get());
        assertEquals(0, s.progressProperty().get());

        s.started("again");
        s.succeeded();
        assertFalse(s.runningProperty().get());
        assertEquals("", s.errorProperty().get());
    }
}
