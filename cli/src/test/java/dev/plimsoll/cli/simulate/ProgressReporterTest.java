package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.workload.RequestShapes;
import dev.plimsoll.perfmodel.workload.Workload;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(10_000);

    @Test
    void staysQuietOffATerminal() {
        ProgressReporter quiet = new ProgressReporter(false, clock::get,
                () -> new me.tongfei.progressbar.ConsoleProgressBarConsumer(stream, 100));
        clock.addAndGet(5_000);
        quiet.onProgress(1000, 10, 100);
        quiet.close();
        assertFalse(quiet.showing());
        assertEquals(0, bytes.size());
    }

    @Test
    void showsABarOnlyOnceTheRunIsLong() {
        ProgressReporter progress = ProgressReporter.to(stream, clock::get);
        progress.onProgress(500, 10, 100);
        assertFalse(progress.showing(), "a run under a second shows nothing");
        clock.addAndGet(ProgressReporter.SHOW_AFTER_MS);
        progress.onProgress(90_000, 50, 100);
        assertTrue(progress.showing());
        progress.finished(100);
        progress.close();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("simulate"), text);
        assertTrue(text.contains("100/100"), text);
        assertTrue(text.contains("90 s simulated"), text);
    }

    @Test
    void countsAnOpenLoopAheadSoTheBarHasAnEnd() {
        ProgressReporter progress = ProgressReporter.to(stream, clock::get);
        progress.expect(Workload.poisson(50, RequestShapes.fixed(10, 10), 321, 1));
        clock.addAndGet(2 * ProgressReporter.SHOW_AFTER_MS);
        progress.onProgress(1000, 100, -1);
        progress.close();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("/321"), text);
    }
}
