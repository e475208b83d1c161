package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.optimizer.search.SlaTarget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CorrectionTrackerTest {
    private static final SlaTarget SLA = SlaTarget.of(1000, 50);

    private static MetricsSnapshot observed(double ttft, double itl, long samples) {
        return new MetricsSnapshot(0, 0, new Load(10, 1000, 200), ttft, itl, samples,
                List.of(new PoolMetrics("aggregated", 2, 2, 10, 0, 0.2)));
    }

    @Test
    void movesHalfWayToTheObservedRatio() {
        CorrectionTracker t = new CorrectionTracker();
        t.update(observed(900, 40, 500), new CapacityModel.Prediction(600, 40), SLA, true);
        assertEquals(1.25, t.current().ttft(), 1e-9);
        assertEquals(1.0, t.current().itl(), 1e-9);
    }

    @Test
    void ignoresThinUnsteadyOrFarFromTheBoundWindows() {
        CorrectionTracker t = new CorrectionTracker();
        t.update(observed(900, 45, 50), new CapacityModel.Prediction(600, 30), SLA, true);
        t.update(observed(900, 45, 500), new CapacityModel.Prediction(600, 30), SLA, false);
        // ITL 20 observed vs 10 predicted: both far below the 50 ms bound, the histogram cannot tell
        t.update(observed(300, 20, 500), new CapacityModel.Prediction(300, 10), SLA, true);
        assertEquals(1.0, t.current().ttft(), 1e-9);
        assertEquals(1.0, t.current().itl(), 1e-9);
    }

    @Test
    void clampsWildRatios() {
        CorrectionTracker t = new CorrectionTracker();
        for (int i = 0; i < 40; i++) {
            t.update(observed(100_000, 45, 500), new CapacityModel.Prediction(600, Double.POSITIVE_INFINITY), SLA, true);
        }
        assertEquals(CorrectionTracker.MAX_FACTOR, t.current().ttft(), 1e-6);
        assertEquals(1.0, t.current().itl(), 1e-9, "an infinite prediction says nothing");
    }
}
