package dev.plimsoll.gui.replay;

import dev.plimsoll.autoscaler.replay.IntervalRow;
import dev.plimsoll.autoscaler.replay.IntervalRow.PoolRow;
import dev.plimsoll.autoscaler.replay.ReplayResult;
import dev.plimsoll.gui.TestServices;
import dev.plimsoll.gui.replay.ReplayViewModel.Series;
import dev.plimsoll.gui.replay.ReplayViewModel.SummaryRow;
import dev.plimsoll.gui.service.ProgressSink;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay view model without the toolkit, fed by the real replay harness on a small trace. */
class ReplayViewModelTest {
    @TempDir
    Path dir;

    private static ReplayResult result(String policy, double gpuHours, List<IntervalRow> rows, List<String> pools) {
        return new ReplayResult(policy, "1 x h100-sxm tp1", 0.95, gpuHours, 2, 300, 20, 18, 100, 0, 120, 0.1, 0.01,
                0.02, 4, rows, pools);
    }

    private static IntervalRow row(double timeS, double load, double ttftMs, int prefill, int decode) {
        return new IntervalRow(timeS, load, ttftMs, 20, List.of(new PoolRow("prefill", prefill, prefill, 0, 1, 0.1),
                new PoolRow("decode", decode, decode, 0, 3, 0.5)), prefill + decode, false, "");
    }

    @Test
    void aFinishedReplayFillsTheTableAndTheSeries() {
        List<String> pools = List.of("prefill", "decode");
        ReplayResult hpa = result("hpa", 6, List.of(row(15, 2, 100, 1, 2), row(30, 4, Double.NaN, 2, 3)), pools);
        ReplayResult oracle = result("oracle", 4, List.of(row(15, 2, 90, 1, 1), row(30, 4, 95, 1, 2)), pools);
        ReplayViewModel vm = ReplayViewModel.withoutTrace();
        vm.task().started("replaying");
        assertTrue(vm.runningProperty().get());
        vm.finished(new ReplayOutcome("azure trace t.csv", 100, "disagg", 4, "TTFT p90 <= 1000 ms", 90,
                List.of(hpa, oracle)));
        assertFalse(vm.runningProperty().get());
        assertEquals(List.of("hpa", "oracle"), vm.summary().stream().map(SummaryRow::policy).toList());
        assertEquals(1.5, vm.summary().get(0).gpuHoursVsOracle(), 1e-12, "GPU-hours against the oracle's");
        assertEquals(1.0, vm.summary().get(1).gpuHoursVsOracle(), 1e-12);
        assertTrue(vm.summaryLineProperty().get().contains("disagg"));
        assertTrue(vm.statusProperty().get().startsWith("replayed 2 policies"));

        ReplayOutcome o = vm.outcomeProperty().get();
        List<Series> load = ReplayViewModel.loadSeries(o);
        assertEquals(1, load.size());
        assertEquals(0.25, load.get(0).points().get(0)[0], 1e-12, "time in minutes");
        assertEquals(4, load.get(0).points().get(1)[1], 1e-12);
        List<Series> replicas = ReplayViewModel.replicaSeries(o);
        assertEquals(List.of("hpa prefill", "hpa decode", "oracle prefill", "oracle decode"),
                replicas.stream().map(Series::name).toList());
        assertEquals(3, replicas.get(1).points().get(1)[1], 1e-12);
        List<Series> ttft = ReplayViewModel.ttftSeries(o);
        assertEquals(1, ttft.get(0).points().size(), "an interval without a TTFT measure is left out");
        assertEquals(2, ttft.get(1).points().size());
    }

    @Test
    void withoutAnOracleTheRatioIsMissing() {
        List<SummaryRow> rows = ReplayViewModel.rows(List.of(result("hpa", 6, List.of(), List.of("agg"))));
        assertTrue(Double.isNaN(rows.get(0).gpuHoursVsOracle()));
    }

    @Test
    void aRealReplayOfASmallTraceComesBackPerPolicyInOrder() throws Exception {
        Path trace = TinyTrace.write(dir);
        ReplayViewModel vm = new ReplayViewModel(TinyTrace.inputs(trace, List.of("static-peak", "oracle")));
        ReplayInputs in = vm.inputs();
        List<String> messages = new ArrayList<>();
        ReplayOutcome o = new ReplayService(TestServices.get()).replay(in, (m, f) -> messages.add(m), () -> false);
        vm.finished(o);
        assertEquals(List.of("static-peak", "oracle"), vm.summary().stream().map(SummaryRow::policy).toList());
        assertEquals(420, o.requests(), "2 req/s for 60 s, 4 req/s for 75 s");
        assertEquals(4.0, o.peakRatePerS(), 1e-9, "the busiest minute");
        ReplayResult staticPeak = o.results().get(0);
        assertTrue(staticPeak.intervals().size() >= 135 / 15, "an interval row every 15 s");
        // the static fleet never changes size; the oracle never holds more than it
        assertEquals(0, staticPeak.scalingActions());
        assertTrue(o.results().get(1).gpuHours() <= staticPeak.gpuHours() + 1e-9);
        assertTrue(messages.stream().anyMatch(m -> m.contains("under oracle (2/2)")));
        List<Series> load = ReplayViewModel.loadSeries(o);
        double firstMinute = at(load.get(0), 0.5);
        double secondMinute = at(load.get(0), 1.5);
        assertEquals(2, firstMinute, 0.2, "2 req/s over the interval ending at 30 s");
        assertEquals(4, secondMinute, 0.2, "4 req/s over the interval ending at 90 s");
    }

    /** The y value at the x (minutes) of a series. */
    private static double at(Series s, double minutes) {
        return s.points().stream().filter(p -> Math.abs(p[0] - minutes) < 1e-9).findFirst()
                .orElseThrow(() -> new AssertionError("no point at " + minutes + " min"))[1];
    }

    @Test
    void aFailureSetsTheErrorLine() throws Exception {
        Path trace = TinyTrace.write(dir);
        ReplayInputs in = TinyTrace.inputs(trace, List.of("hpa"));
        ReplayInputs badGpu = new ReplayInputs(in.trace(), 1, 0, in.model(), "no-such-gpu", "agg", 1000, 50, 90, 30, 15,
                List.of("hpa"));
        ReplayViewModel vm = new ReplayViewModel(badGpu);
        vm.started(badGpu);
        assertTrue(vm.runningProperty().get());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new ReplayService(TestServices.get()).replay(badGpu, ProgressSink.NONE, () -> false));
        vm.task().failed(e);
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.errorProperty().get().contains("no-such-gpu"), vm.errorProperty().get());
        assertTrue(vm.summary().isEmpty());
    }

    @Test
    void aFieldThatIsNotANumberIsNamed() {
        ReplayViewModel vm = ReplayViewModel.withoutTrace();
        vm.traceProperty().set("t.csv");
        vm.ttftMsProperty().set("fast");
        UserInputException e = assertThrows(UserInputException.class, vm::inputs);
        assertTrue(e.getMessage().contains("TTFT (ms)") && e.getMessage().contains("fast"), e.getMessage());
        vm.ttftMsProperty().set("1000");
        vm.policies().values().forEach(p -> p.set(false));
        assertThrows(UserInputException.class, vm::inputs, "no policy chosen");
    }

    @Test
    void cancelStopsBeforeTheNextPolicyAndSaysTheRunningOneFinishesInTheBackground() throws Exception {
        Path trace = TinyTrace.write(dir);
        ReplayInputs in = TinyTrace.inputs(trace, List.of("static-peak", "oracle"));
        List<String> messages = new ArrayList<>();
        assertThrows(CancellationException.class,
                () -> new ReplayService(TestServices.get()).replay(in, (m, f) -> messages.add(m), () -> true));
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("replaying")), messages.toString());

        ReplayViewModel vm = new ReplayViewModel(in);
        vm.started(in);
        vm.cancelledInBackground();
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().contains("finishes in the background"));
    }
}
