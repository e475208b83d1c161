package dev.plimsoll.autoscaler.replay;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.workload.RequestShape;
import dev.plimsoll.perfmodel.workload.TimedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayRunnerTest {
    private static ReplayRunner runner;

    /** Poisson arrivals: 20 req/s rising to 80 over 120 s, 80 for 60 s, falling to 20 over 120 s, 20 for 60 s. */
    static TraceLoad stepTrace() {
        SplittableRandom random = new SplittableRandom(11);
        List<TimedRequest> list = new ArrayList<>();
        double t = 0;
        while (t < 360_000) {
            double rate = t < 120_000 ? 20 + 60 * t / 120_000 : t < 180_000 ? 80
                    : t < 300_000 ? 80 - 60 * (t - 180_000) / 120_000 : 20;
            t += -Math.log(1 - random.nextDouble()) / rate * 1000;
            list.add(new TimedRequest(t, new RequestShape(800 + random.nextInt(400), 150 + random.nextInt(100))));
        }
        return TraceLoad.of(list, "step trace");
    }

    @BeforeAll
    static void plan() {
        ReplaySpec spec = new ReplaySpec(Fixtures.plan(WorkloadSpec.fixed(1000, 200, 0), SlaTarget.of(1000, 20),
                Mode.AGG), 30_000, 15_000, 60_000, Integer.MAX_VALUE, "holt", 5, 5, 0.8);
        runner = new ReplayRunner(spec, stepTrace());
    }

    @Test
    void plimsollFollowsARampUpAndDownMostlyWithinTheSla() {
        ReplayResult r = runner.run("plimsoll");
        ReplayResult fixed = runner.run("static-peak");
        int first = r.intervals().get(0).pools().get(0).ready();
        int most = r.intervals().stream().mapToInt(row -> row.pools().get(0).ready()).max().orElseThrow();
        int last = r.intervals().get(r.intervals().size() - 1).pools().get(0).desired();
        assertTrue(most > first, "grew from " + first + " to " + most);
        assertTrue(last < most, "shrank back to " + last);
        assertTrue(r.scalingActions() >= 2);
        // a ramp steeper than the damped trend costs some requests while workers start; the static fleet
        // sized for the peak is the reference
        assertTrue(r.slaAttainment() >= 0.85, "attainment " + r.slaAttainment() + ", static " + fixed.slaAttainment()
                + "\n" + r.intervals().stream().map(IntervalRow::csv).collect(java.util.stream.Collectors.joining("\n")));
        int gpusPerWorker = r.intervals().get(0).gpusHeld() / Math.max(1, r.intervals().get(0).pools().get(0).desired());
        double heldAtPeakAllAlong = most * gpusPerWorker * r.simulatedS() / 3600.0;
        assertTrue(r.gpuHours() < 0.9 * heldAtPeakAllAlong, r.gpuHours() + " vs " + heldAtPeakAllAlong);
        assertEquals(0, r.unfinished());
        assertEquals(1.0, fixed.slaAttainment(), 0.01, "the plan for the peak holds it");
    }

    @Test
    void theOracleSpendsNoMoreThanTheStaticPeak() {
        ReplayResult oracle = runner.run("oracle");
        ReplayResult fixed = runner.run("static-peak");
        assertTrue(oracle.gpuHours() < fixed.gpuHours());
        assertEquals(0, fixed.scalingActions());
    }

    @Test
    void gpuHoursAreChargedUpToTheFirstControlTickWithNoWorkLeft() {
        // a policy that grows to 3 workers at 300 s and asks for one more at the first tick that finds no
        // request left, the last tick: that worker's start-up runs on past the trace's work
        ScalingPolicy growing = new ScalingPolicy() {
            @Override
            public String name() {
                return "growing";
            }

            @Override
            public Decision decide(MetricsSnapshot s) {
                int[] next = ScalingPolicy.current(s);
                if (s.timeMs() >= 300_000) {
                    boolean idle = s.pool(0).runningRequests() + s.pool(0).waitingRequests() == 0;
                    next[0] = idle ? 4 : 3;
                }
                return new Decision(next, "grow", Double.NaN);
            }
        };
        ReplayResult r = runner.run(growing, runner.model());
        List<IntervalRow> rows = r.intervals();
        IntervalRow last = rows.get(rows.size() - 1);
        assertTrue(r.simulatedS() > last.timeS(), "the last start-up outlives the work: " + r.simulatedS() + " s\n"
                + rows.stream().map(IntervalRow::csv).collect(java.util.stream.Collectors.joining("\n")));
        // GPUs only grow, so between two ticks the fleet holds what the earlier tick left
        double gpuS = rows.get(0).gpusHeld() * rows.get(0).timeS();
        for (int i = 1; i < rows.size(); i++) {
            gpuS += rows.get(i - 1).gpusHeld() * (rows.get(i).timeS() - rows.get(i - 1).timeS());
        }
        assertEquals(gpuS / 3600.0, r.gpuHours(), 1e-6, "charged to the last tick, " + last.timeS() + " s");
    }

    @Test
    void reportsWriteTheirFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ReplayResult r = runner.run("hpa");
        ReplayReport.writeCsv(r, dir.resolve("hpa.csv"));
        ReplayPlot.write(r, 1000, 20, dir.resolve("hpa.png"));
        List<String> lines = Files.readAllLines(dir.resolve("hpa.csv"));
        assertEquals(r.intervals().size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("time_s,offered_per_s"));
        assertTrue(Files.size(dir.resolve("hpa.png")) > 1000);
        assertEquals("hpa", ReplayReport.json(r).get("policy"));
        assertTrue(ReplayReport.table(List.of(r)).contains("hpa"));
    }
}
