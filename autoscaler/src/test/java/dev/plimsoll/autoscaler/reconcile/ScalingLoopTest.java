package dev.plimsoll.autoscaler.reconcile;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingLoopTest {
    /** A cluster of one pool whose replicas follow what the actuator was asked, when told to. */
    private static final class Cluster implements Actuator {
        int replicas = 2;
        final List<Integer> requests = new ArrayList<>();
        final Deque<ActuationException> faults = new ArrayDeque<>();
        boolean apply = true;

        @Override
        public void scale(String pool, int n) throws ActuationException {
            requests.add(n);
            ActuationException fault = faults.poll();
            if (fault != null) {
                throw fault;
            }
            if (apply) {
                replicas = n;
            }
        }

        MetricsSnapshot snapshot(double nowMs) {
            return new MetricsSnapshot(nowMs, 0, new Load(10, 1000, 200), 300, 30, 500,
                    List.of(new PoolMetrics("decode", replicas, replicas, 10, 0, 0.2)));
        }
    }

    /** Always wants {@code want[0]} replicas. */
    private static ScalingPolicy wants(int[] want) {
        return new ScalingPolicy() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public Decision decide(MetricsSnapshot s) {
                return new Decision(new int[] {want[0]}, "want " + want[0], 10);
            }
        };
    }

    private final List<Long> sleeps = new ArrayList<>();

    private ScalingLoop loop(Cluster c, int[] want, AtomicBoolean leader) {
        return new ScalingLoop(c::snapshot, wants(want), c, List.of("decode"), RetryPolicy.DEFAULT, sleeps::add,
                leader::get);
    }

    @Test
    void conflictsAreRetriedWithBackoffAndActOnce() {
        Cluster c = new Cluster();
        c.faults.add(ActuationException.ofStatus(409, "conflict"));
        c.faults.add(ActuationException.ofStatus(503, "unavailable"));
        LoopStatus s = loop(c, new int[] {5}, new AtomicBoolean(true)).step(0);
        assertEquals(List.of(5, 5, 5), c.requests);
        assertEquals(List.of(200L, 400L), sleeps);
        assertEquals(List.of("decode=5"), s.actions());
        assertEquals(5, c.replicas);
    }

    @Test
    void retriesAreBoundedAndTheLoopRecoversWhenTheFaultClears() {
        Cluster c = new Cluster();
        for (int i = 0; i < 4; i++) {
            c.faults.add(ActuationException.ofStatus(0, "timeout"));
        }
        ScalingLoop loop = loop(c, new int[] {5}, new AtomicBoolean(true));
        LoopStatus failed = loop.step(0);
        assertEquals(4, c.requests.size(), "four attempts, no more");
        assertEquals(1, failed.errors());
        assertTrue(failed.conditions().stream().anyMatch(x -> x.startsWith("ActuationFailed=True")));
        LoopStatus ok = loop.step(15_000);
        assertEquals(0, ok.errors());
        assertEquals(5, c.replicas);
    }

    @Test
    void aForbiddenRequestIsNotRetried() {
        Cluster c = new Cluster();
        c.faults.add(ActuationException.ofStatus(403, "forbidden"));
        LoopStatus s = loop(c, new int[] {5}, new AtomicBoolean(true)).step(0);
        assertEquals(1, c.requests.size());
        assertEquals(1, s.errors());
    }

    @Test
    void aSizeAskedForButNotYetObservedIsNotAskedForAgain() {
        Cluster c = new Cluster();
        c.apply = false;
        ScalingLoop loop = loop(c, new int[] {5}, new AtomicBoolean(true));
        loop.step(0);
        loop.step(15_000);
        loop.step(30_000);
        assertEquals(List.of(5), c.requests, "no duplicate action while the cache lags");
    }

    @Test
    void aTargetEditedByHandIsTheNewCurrentSize() {
        Cluster c = new Cluster();
        int[] want = {5};
        ScalingLoop loop = loop(c, want, new AtomicBoolean(true));
        loop.step(0);
        assertEquals(5, c.replicas);
        c.replicas = 9;
        LoopStatus s = loop.step(15_000);
        assertEquals(9, s.current()[0]);
        assertEquals(List.of(5, 5), c.requests, "the policy still wants 5, so it asks once more");
        want[0] = 9;
        c.replicas = 9;
        loop.step(30_000);
        assertEquals(2, c.requests.size());
    }

    @Test
    void leadershipLostBeforeOrDuringAnActionStopsIt() {
        Cluster c = new Cluster();
        AtomicBoolean leader = new AtomicBoolean(false);
        LoopStatus s = loop(c, new int[] {5}, leader).step(0);
        assertTrue(c.requests.isEmpty());
        assertTrue(s.conditions().stream().anyMatch(x -> x.startsWith("NotLeader=True")));
        // the lease is lost while a retry waits
        leader.set(true);
        c.faults.add(ActuationException.ofStatus(409, "conflict"));
        ScalingLoop loop = new ScalingLoop(c::snapshot, wants(new int[] {5}), c, List.of("decode"),
                RetryPolicy.DEFAULT, ms -> leader.set(false), leader::get);
        LoopStatus lost = loop.step(0);
        assertEquals(1, c.requests.size());
        assertEquals(1, lost.errors());
        assertEquals(2, c.replicas);
    }

    @Test
    void dryRunRecordsWithoutChangingAnything() {
        DryRunActuator dry = new DryRunActuator();
        Cluster c = new Cluster();
        ScalingLoop loop = new ScalingLoop(c::snapshot, wants(new int[] {4}), dry, List.of("decode"),
                RetryPolicy.DEFAULT, sleeps::add, () -> true);
        LoopStatus s = loop.step(0);
        assertEquals(List.of("decode=4"), dry.intents());
        assertEquals(2, c.replicas);
        assertEquals(4, s.desired()[0]);
    }
}
