package dev.plimsoll.autoscaler.policy.baseline;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.FakeCapacity;
import dev.plimsoll.autoscaler.policy.Limits;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolBounds;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselinesTest {
    private static final Limits LIMITS = new Limits(List.of(new PoolBounds(1, 50, 8, 1)), Integer.MAX_VALUE);

    private static MetricsSnapshot snap(double timeS, double rate, int n, double waiting, double kv, double ttft,
                                        double itl) {
        return new MetricsSnapshot(timeS * 1000, 0, new Load(rate, 1000, 200), ttft, itl, 500,
                List.of(new PoolMetrics("aggregated", n, n, 10 * n, waiting, kv)));
    }

    @Test
    void hpaScalesByTheRatioOutsideItsTolerance() {
        HpaPolicy hpa = new HpaPolicy(LIMITS, 5, 1);
        // 4 pods, 30 waiting: 7.5 per pod against 5 -> ceil(4 x 1.5) = 6
        assertEquals(6, hpa.decide(snap(0, 10, 4, 30, 0.2, 100, 20)).desired(0));
        // 4 pods, 21 waiting: 5.25 per pod, within 10 %: no change
        HpaPolicy calm = new HpaPolicy(LIMITS, 5, 1);
        assertEquals(4, calm.decide(snap(0, 10, 4, 21, 0.2, 100, 20)).desired(0));
    }

    @Test
    void hpaSyncsEvery15sAndScalesDownAfter300s() {
        HpaPolicy hpa = new HpaPolicy(LIMITS, 5, 1);
        assertEquals(8, hpa.decide(snap(0, 10, 8, 40, 0.2, 100, 20)).desired(0));
        assertEquals(8, hpa.decide(snap(5, 10, 8, 0, 0.2, 100, 20)).desired(0), "between syncs");
        assertEquals(8, hpa.decide(snap(15, 10, 8, 0, 0.2, 100, 20)).desired(0), "stabilisation");
        assertEquals(8, hpa.decide(snap(285, 10, 8, 0, 0.2, 100, 20)).desired(0));
        assertEquals(1, hpa.decide(snap(315, 10, 8, 0, 0.2, 100, 20)).desired(0));
    }

    @Test
    void hpaScaleUpIsLimitedToDoubleOrFourPods() {
        HpaPolicy hpa = new HpaPolicy(LIMITS, 5, 1);
        assertEquals(6, hpa.decide(snap(0, 10, 2, 500, 0.2, 100, 20)).desired(0));
    }

    @Test
    void kedaTakesTheLargestTrigger() {
        KedaPolicy keda = new KedaPolicy(LIMITS, 5, 0.8, 1);
        // waiting 10 / 5 = 2; KV 4 x 0.9 / 0.8 = 4.5 -> 5
        assertEquals(5, keda.decide(snap(0, 10, 4, 10, 0.9, 100, 20)).desired(0));
    }

    @Test
    void dynamoActsOncePerAdjustmentIntervalOnTheLastLoad() {
        DynamoPlannerPolicy dynamo = new DynamoPlannerPolicy(FakeCapacity.single(10), LIMITS, 180_000);
        // the fake predicts ITL 40 x 60 / 60 = 40 ms on 6 workers at 60 req/s; observed 40: no correction
        Decision first = dynamo.decide(snap(0, 60, 6, 0, 0.2, 500, 40));
        assertEquals(6, first.desired(0));
        assertEquals(6, dynamo.decide(snap(60, 120, 6, 50, 0.2, 500, 40)).desired(0), "between intervals");
        // the fake predicts 80 ms at 120 req/s on 6 workers, as observed: 120 / 10 per worker
        assertEquals(12, dynamo.decide(snap(180, 120, 6, 0, 0.2, 500, 80)).desired(0));
    }

    @Test
    void oracleSizesForTheBusiestIntervalItCannotUndo() {
        OraclePolicy.FutureLoad future = (from, to) -> new Load(from >= 90_000 ? 90 : 20, 1000, 200);
        OraclePolicy oracle = new OraclePolicy(FakeCapacity.single(10), LIMITS, future, 15_000, 60_000);
        assertEquals(2, oracle.decide(snap(0, 20, 2, 0, 0.2, 100, 20)).desired(0));
        // at 30 s the 90 req/s from 90 s lie within a start-up and an interval
        assertEquals(9, oracle.decide(snap(30, 20, 2, 0, 0.2, 100, 20)).desired(0));
    }

    @Test
    void staticNeverMoves() {
        StaticPolicy s = new StaticPolicy(new int[] {9});
        assertEquals(9, s.decide(snap(0, 1, 3, 100, 0.9, 100, 20)).desired(0));
    }
}
