package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.autoscaler.Fixtures;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.optimizer.sizing.TransferLinks;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyticCapacityTest {
    private static final SlaTarget SLA = SlaTarget.of(1000, 40);
    private static final WorkloadSpec W = WorkloadSpec.fixed(1000, 200, 0);
    private static final BuiltEngine ENGINE = Fixtures.engine("llama-3.1-8b", "h100-sxm", Parallelism.tp(1), 8192);

    @Test
    void aggregatedWorkersGrowWithTheRateAndMeetTheBoundsTheyAreSizedFor() {
        AnalyticCapacity m = AnalyticCapacity.aggregated(ENGINE, 256, W, SLA);
        double perWorker = m.throughputPerWorker(0, CapacityModel.Correction.NONE);
        assertTrue(perWorker > 0);
        int previous = 0;
        for (double rate = 1; rate <= 200; rate *= 1.5) {
            Load load = new Load(rate, 1000, 200);
            int n = m.workersFor(load, CapacityModel.Correction.NONE)[0];
            assertTrue(n >= previous, "monotone in the rate");
            assertEquals(Math.max(1, (int) Math.ceil(rate / perWorker - 1e-9)), n);
            CapacityModel.Prediction p = m.predict(load, new int[] {n});
            assertTrue(p.itlMs() <= SLA.itlMs() && p.ttftMs() <= SLA.ttftMs(), rate + " req/s on " + n + ": " + p);
            previous = n;
        }
    }

    @Test
    void aCorrectionAboveOneTightensAndLongerOutputsWeighMore() {
        AnalyticCapacity m = AnalyticCapacity.aggregated(ENGINE, 256, W, SLA);
        Load load = new Load(300, 1000, 200);
        int plain = m.workersFor(load, CapacityModel.Correction.NONE)[0];
        int slow = m.workersFor(load, new CapacityModel.Correction(1.0, 1.6))[0];
        int fast = m.workersFor(load, new CapacityModel.Correction(1.0, 0.7))[0];
        assertTrue(slow > plain && fast <= plain, plain + " " + slow + " " + fast + " per worker "
                + m.throughputPerWorker(0, CapacityModel.Correction.NONE));
        assertTrue(m.workersFor(new Load(300, 1000, 400), CapacityModel.Correction.NONE)[0] > plain);
    }

    @Test
    void disaggregatedPoolsAreSizedApart() {
        BuiltEngine decode = Fixtures.engine("llama-3.1-8b", "h100-sxm", Parallelism.tp(2), 2048);
        AnalyticCapacity m = AnalyticCapacity.disaggregated(ENGINE, decode, 256,
                TransferLinks.between(ENGINE, decode), W, SLA);
        int[] base = m.workersFor(new Load(40, 1000, 200), CapacityModel.Correction.NONE);
        int[] longPrompts = m.workersFor(new Load(40, 4000, 200), CapacityModel.Correction.NONE);
        int[] longOutputs = m.workersFor(new Load(40, 1000, 800), CapacityModel.Correction.NONE);
        assertTrue(longPrompts[0] > base[0] && longPrompts[1] == base[1], "prompts load prefill only");
        assertTrue(longOutputs[1] > base[1] && longOutputs[0] == base[0], "outputs load decode only");
        assertEquals(2, m.gpusPerWorker(1));
    }

    @Test
    void requestsMayQueueForARunningSlotWhileTheTtftPercentileHolds() {
        // launched with 16 running slots: the 99th percentile of the running batch fits them up to a
        // mean batch of about 8, which is all a profile at fixed concurrencies would offer
        AnalyticCapacity few = AnalyticCapacity.aggregated(ENGINE, 16, W, SLA);
        double profiled = few.throughputPerWorker(0, CapacityModel.Correction.NONE);
        Load load = new Load(20 * profiled, 1000, 200);
        int n = few.workersFor(load, CapacityModel.Correction.NONE)[0];
        assertTrue(n < 20, "the SLA's percentile lets the slots run fuller: " + n + " workers for 20 profiled");
        CapacityModel.Prediction p = few.predict(load, new int[] {n});
        assertTrue(p.ttftMs() <= SLA.ttftMs(), "TTFT with the wait for a slot within the bound: " + p);

        var model = new dev.plimsoll.optimizer.analytic.AggregatedModel(ENGINE, W, new SlaTarget(Double.MAX_VALUE,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY, 90), true);
        AnalyticCapacity.Grid grid = AnalyticCapacity.grid(model::at, 16, 1, 0.9);
        assertTrue(grid.withinSlots() > 0 && grid.withinSlots() < grid.points().size(), "some points queue: "
                + grid.withinSlots() + " of " + grid.points().size());
        for (int i = grid.withinSlots(); i < grid.points().size(); i++) {
            var queued = grid.points().get(i);
            // fewer than one in ten waits at first (Erlang's C below 0.1): the 90th percentile is unchanged
            assertTrue(queued.ttftMs() >= model.at(queued.meanBatch()).ttftMs(), queued.toString());
            assertTrue(queued.meanBatch() < 16, "never a mean batch at the slots (the wait would be endless)");
        }
        var last = grid.points().get(grid.points().size() - 1);
        assertTrue(last.ttftMs() > model.at(last.meanBatch()).ttftMs(), "the fullest point waits: " + last);
        // a decode pool's grid stops at the slots
        assertEquals(grid.withinSlots(), AnalyticCapacity.grid(model::at, 16, 0, 0.9).points().size());
    }
}
