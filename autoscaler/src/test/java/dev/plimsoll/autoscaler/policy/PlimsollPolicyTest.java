package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.optimizer.search.SlaTarget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlimsollPolicyTest {
    private static final SlaTarget SLA = SlaTarget.of(1000, 50);
    /** 15 s interval, 60 s start-up. */
    private static final PlimsollSettings SETTINGS = PlimsollSettings.defaults(15_000, 60_000);

    private static PlimsollPolicy policy(int max, int budget) {
        return new PlimsollPolicy(FakeCapacity.single(10), new Limits(List.of(new PoolBounds(1, max, 8, 1)), budget),
                SLA, SETTINGS);
    }

    private static PlimsollPolicy policy() {
        return policy(100, Integer.MAX_VALUE);
    }

    /** Feeds {@code rate} steadily on {@code n} workers from {@code fromS} for {@code count} intervals. */
    private static Decision feed(PlimsollPolicy p, double fromS, int count, double rate, int n) {
        Decision d = null;
        for (int i = 0; i < count; i++) {
            d = p.decide(Snapshots.steady(fromS + 15 * i, rate, n));
        }
        return d;
    }

    @Test
    void sizesTheLoadWithTheModelAndAMargin() {
        Decision d = feed(policy(), 0, 8, 95, 10);
        // 95 req/s at 10 per worker is 10 workers; the forecast band adds at most a couple
        assertTrue(d.desired(0) >= 10 && d.desired(0) <= 12, d.toString());
    }

    @Test
    void missingStaleOrNonFiniteMetricsNeverScaleDown() {
        PlimsollPolicy p = policy();
        feed(p, 0, 8, 20, 10);
        MetricsSnapshot nan = Snapshots.of(200, Double.NaN, 10, 10, 5, 0, 0.1);
        assertEquals(10, p.decide(nan).desired(0));
        MetricsSnapshot noKv = Snapshots.of(215, 20, 10, 10, 5, 0, Double.NaN);
        assertEquals(10, p.decide(noKv).desired(0));
        MetricsSnapshot stale = new MetricsSnapshot(230_000, SETTINGS.staleAfterMs() + 1, new dev.plimsoll.autoscaler
                .policy.Load(20, 1000, 200), 200, 20, 500, Snapshots.steady(230, 20, 10).pools());
        Decision d = p.decide(stale);
        assertEquals(10, d.desired(0));
        assertTrue(d.reason().contains("hold"), d.reason());
    }

    @Test
    void afterAGapInTheMetricsAScaleDownWaitsForAWholeWindowOfGoodOnes() {
        PlimsollPolicy p = policy();
        feed(p, 0, 10, 95, 10);
        // Prometheus is gone for four intervals (the window's recommendations age out meanwhile)
        for (int i = 0; i < 4; i++) {
            assertEquals(10, p.decide(Snapshots.of(150 + 15 * i, Double.NaN, 10, 10, 50, 0, 0.2)).desired(0));
        }
        // it comes back with a much lower load: no scale-down on the first good window alone
        Decision first = p.decide(Snapshots.steady(210, 20, 10));
        assertEquals(10, first.desired(0), first.toString());
        assertTrue(first.reason().contains("metrics back"), first.reason());
        Decision later = feed(p, 225, 3, 20, 10);
        assertTrue(later.desired(0) < 10, "recovers once the window is covered: " + later);
    }

    @Test
    void scaleDownWaitsForTheStabilisationWindow() {
        PlimsollPolicy p = policy();
        feed(p, 0, 10, 95, 10);
        // the load halves: 5 workers would do, but the window holds the earlier recommendations
        Decision early = p.decide(Snapshots.steady(150, 45, 10));
        assertEquals(10, early.desired(0), early.toString());
        Decision later = feed(p, 165, 8, 45, 10);
        assertTrue(later.desired(0) < 10, later.toString());
    }

    @Test
    void noScaleDownBeforeTheForecastErrorIsKnown() {
        PlimsollPolicy p = policy();
        // a fleet of 10 started under a light load: the first intervals' margin is only a Poisson floor
        List<Integer> sizes = follow(p, 0, 10, 20, 20, 20, 20, 20, 20, 20, 20);
        for (int i = 0; i < PlimsollPolicy.MIN_ERRORS; i++) {
            assertEquals(10, sizes.get(i), "held while the forecast has fewer than four errors: " + sizes);
        }
        assertTrue(sizes.get(sizes.size() - 1) < 10, "shrinks once its error is known: " + sizes);
        PlimsollPolicy q = policy();
        feed(q, 0, 3, 20, 10);
        // the metrics have covered the stabilisation window: what holds now is the unknown error
        Decision d = q.decide(Snapshots.steady(45, 20, 10));
        assertEquals(10, d.desired(0));
        assertTrue(d.reason().contains("forecast error not known yet (3 of 4 errors)"), d.reason());
        // workers still starting serve nobody yet: those the need does not ask for are cancelled even
        // then, the ready ones kept
        PlimsollPolicy r = policy();
        feed(r, 0, 3, 20, 10);
        Decision cancel = r.decide(Snapshots.of(45, 20, 10, 12, 100, 0, 0.3));
        assertEquals(10, cancel.desired(0), cancel.toString());
        assertTrue(cancel.reason().contains("cancels 2 starting"), cancel.reason());
    }

    @Test
    void scaleUpIsImmediate() {
        PlimsollPolicy p = policy();
        feed(p, 0, 6, 30, 3);
        Decision d = p.decide(Snapshots.steady(90, 80, 3));
        assertTrue(d.desired(0) >= 8, d.toString());
    }

    @Test
    void queuedRequestsAddTheRateThatMustStartWithinTheTtftBound() {
        PlimsollPolicy a = policy();
        PlimsollPolicy b = policy();
        feed(a, 0, 6, 40, 4);
        feed(b, 0, 6, 40, 4);
        Decision calm = a.decide(Snapshots.of(90, 40, 4, 4, 40, 0, 0.3));
        Decision queued = b.decide(Snapshots.of(90, 40, 4, 4, 40, 60, 0.3));
        // 60 queued within the 1 s TTFT bound is 60 req/s more: 100 req/s, ten workers
        assertEquals(10, queued.desired(0), queued.toString());
        assertTrue(calm.desired(0) <= 5, calm.toString());
    }

    @Test
    void aPoolWithAnActionInFlightDoesNotShrink() {
        PlimsollPolicy p = policy();
        feed(p, 0, 10, 95, 10);
        // 10 ready, 2 more draining towards 12 asked earlier: the load fell, but the ready ones stay
        Decision d = null;
        for (int i = 0; i < 10; i++) {
            d = p.decide(Snapshots.of(150 + 15 * i, 20, 10, 12, 100, 0, 0.3));
        }
        assertTrue(d.desired(0) >= 10, d.toString());
        assertTrue(d.reason().contains("cancels"), d.reason());
    }

    @Test
    void aScaleDownLeavesRoomForWhatRunsAndItsKv() {
        PlimsollPolicy p = policy();
        feed(p, 0, 10, 95, 10);
        Decision d = null;
        for (int i = 0; i < 10; i++) {
            // the load fell to 20 req/s (2 workers), yet 600 requests run and KV is 70 % full: at 64 slots
            // per worker and 90 % KV the survivors must be 10 and 8
            d = p.decide(Snapshots.of(150 + 15 * i, 20, 10, 10, 600, 0, 0.7));
        }
        assertEquals(10, d.desired(0), d.toString());
        Decision kv = null;
        for (int i = 0; i < 10; i++) {
            kv = p.decide(Snapshots.of(300 + 15 * i, 20, 10, 10, 100, 0, 0.7));
        }
        assertEquals(8, kv.desired(0), kv.toString());
    }

    @Test
    void workersThatNeverGetReadyStopFurtherScaleUps() {
        PlimsollPolicy p = policy();
        feed(p, 0, 4, 30, 3);
        Decision d = null;
        // 3 ready, 6 asked for, nothing gets ready for ever; the load keeps rising
        for (int i = 0; i < 30; i++) {
            d = p.decide(Snapshots.of(60 + 15 * i, 60 + i, 3, 6, 30, 0, 0.3));
        }
        assertEquals(6, d.desired(0), d.toString());
        assertTrue(d.reason().contains("not ready"), d.reason());
    }

    @Test
    void boundsAndTheGpuBudgetCap() {
        Decision capped = feed(policy(7, Integer.MAX_VALUE), 0, 6, 200, 7);
        assertEquals(7, capped.desired(0));
        Decision budget = feed(policy(100, 40), 0, 6, 200, 5);
        assertEquals(5, budget.desired(0), "40 GPUs of 8-GPU workers");
        assertTrue(budget.reason().contains("GPU budget"), budget.reason());
    }

    @Test
    void constantLoadDoesNotFlap() {
        PlimsollPolicy p = policy();
        int n = 2;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int changes = 0;
        for (int i = 0; i < 200; i++) {
            // 14 req/s with Poisson-like noise of a 15 s window
            double rate = 14 + random.nextGaussian() * Math.sqrt(14 / 15.0);
            Decision d = p.decide(Snapshots.steady(15 * i, rate, n));
            if (d.desired(0) != n) {
                changes++;
                n = d.desired(0);
            }
        }
        assertTrue(changes <= 2, changes + " changes under constant load, ending at " + n);
    }

    @Test
    void observedLatencyAboveThePredictionAddsWorkers() {
        PlimsollPolicy right = policy();
        PlimsollPolicy slow = policy();
        Decision a = null;
        Decision b = null;
        for (int i = 0; i < 10; i++) {
            MetricsSnapshot base = Snapshots.steady(15 * i, 50, 6);
            a = right.decide(base);
            // observed ITL twice what the model predicts
            b = slow.decide(new MetricsSnapshot(base.timeMs(), 0, base.load(), base.ttftMs(), 2 * base.itlMs(), 500,
                    base.pools()));
        }
        assertEquals(1.0, right.correction().itl(), 1e-9);
        assertTrue(slow.correction().itl() > 1.5, String.valueOf(slow.correction()));
        assertTrue(b.desired(0) > a.desired(0), a + " vs " + b);
    }

    /** Runs a cluster that follows the policy at once (ready as asked) through {@code rates}, one per 15 s. */
    private static List<Integer> follow(PlimsollPolicy p, double fromS, int n, double... rates) {
        List<Integer> sizes = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            Decision d = p.decide(Snapshots.steady(fromS + 15 * i, rates[i], n));
            n = d.desired(0);
            sizes.add(n);
        }
        return sizes;
    }

    @Test
    void aOneWindowDropToZeroNeverTakesTheFleetBelowWhatTheLoadNeeds() {
        PlimsollPolicy p = policy();
        feed(p, 0, 10, 50, 6);
        // a window that reads no traffic (a front end restarting, a scrape gap read as zero), then 50 again
        List<Integer> sizes = follow(p, 150, 6, 0, 50, 50, 50, 50, 50, 50, 50);
        assertEquals(6, sizes.get(0), "the glitch itself is inside the stabilisation window: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n >= 5), "50 req/s at 10 per worker needs 5: " + sizes);
        assertTrue(sizes.get(sizes.size() - 1) >= 6, "the margin is back: " + sizes);
    }

    @Test
    void aOneWindowSpikeIsForgottenWithinAFewIntervals() {
        PlimsollPolicy p = policy();
        feed(p, 0, 20, 50, 6);
        double[] rates = new double[16];
        java.util.Arrays.fill(rates, 50);
        rates[0] = 500;
        List<Integer> sizes = follow(p, 300, 6, rates);
        assertEquals(50, sizes.get(0), "a burst is served at once: " + sizes);
        // the forecast error enters clipped (robust smoothing): the margin does not stay inflated
        assertTrue(sizes.get(9) <= 7 && sizes.get(15) <= 7, "back to the base load's size: " + sizes);
        assertTrue(sizes.stream().allMatch(n -> n >= 5), "never below what 50 req/s needs: " + sizes);
    }
}
