package dev.plimsoll.autoscaler.reconcile;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleFunction;
import java.util.function.LongConsumer;

/**
 * One pass of the controller, apart from I/O: observe (a snapshot source) -> decide (the policy)
 * -> act (an actuator) -> record (a {@link LoopStatus}). It sends a pool's new size once: while
 * the size it last asked for has not shown up in the observed replicas it does not ask again
 * (a stale cache or a slow rollout causes no duplicate action); a size changed by someone else
 * (the target edited by hand) is taken as the new current one. Failed requests are retried with
 * backoff up to a bound; leadership is checked before every attempt, and a lost lease stops the
 * pass before it acts.
 */
public final class ScalingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ScalingLoop.class);

    private final DoubleFunction<MetricsSnapshot> source;
    private final ScalingPolicy policy;
    private final Actuator actuator;
    private final List<String> pools;
    private final RetryPolicy retry;
    private final LongConsumer sleeper;
    private final BooleanSupplier leader;
    private final double staleAfterMs;
    /** Per pool: the size last asked for and not yet observed, or -1. */
    private final int[] pending;
    /** Per pool: the size observed when the pending request was sent. */
    private final int[] sentFrom;

    public ScalingLoop(DoubleFunction<MetricsSnapshot> source, ScalingPolicy policy, Actuator actuator,
                       List<String> pools, RetryPolicy retry, LongConsumer sleeper, BooleanSupplier leader) {
        this(source, policy, actuator, pools, retry, sleeper, leader, Double.POSITIVE_INFINITY);
    }

    /**
     * @param staleAfterMs metrics older than this are reported unavailable in the conditions (the
     *                     policy's own threshold, so that the status says why it holds)
     */
    public ScalingLoop(DoubleFunction<MetricsSnapshot> source, ScalingPolicy policy, Actuator actuator,
                       List<String> pools, RetryPolicy retry, LongConsumer sleeper, BooleanSupplier leader,
                       double staleAfterMs) {
        this.staleAfterMs = staleAfterMs;
        this.source = source;
        this.policy = policy;
        this.actuator = actuator;
        this.pools = List.copyOf(pools);
        this.retry = retry;
        this.sleeper = sleeper;
        this.leader = leader;
        this.pending = new int[pools.size()];
        this.sentFrom = new int[pools.size()];
        Arrays.fill(pending, -1);
    }

    public LoopStatus step(double nowMs) {
        List<String> conditions = new ArrayList<>();
        MetricsSnapshot s = source.apply(nowMs);
        int[] current = ScalingPolicy.current(s);
        for (int p = 0; p < pending.length; p++) {
            // observed at last, or changed by someone else (the target edited by hand): nothing pending
            if (pending[p] >= 0 && (current[p] == pending[p] || current[p] != sentFrom[p])) {
                pending[p] = -1;
            }
        }
        if (!s.complete()) {
            conditions.add("MetricsAvailable=False: missing or non-finite metrics; no scale-down");
        } else if (s.ageMs() > staleAfterMs) {
            conditions.add(String.format(java.util.Locale.ROOT, "MetricsAvailable=False: the newest sample is %.0f s"
                    + " old; no scale-down", s.ageMs() / 1000));
        } else {
            conditions.add("MetricsAvailable=True: complete");
        }
        if (!leader.getAsBoolean()) {
            conditions.add("NotLeader=True: another replica holds the lease");
            return new LoopStatus(nowMs, s.load(), Double.NaN, current, current, List.of(), "not the leader",
                    conditions, 0);
        }
        Decision d = policy.decide(s);
        List<String> actions = new ArrayList<>();
        int errors = 0;
        for (int p = 0; p < current.length; p++) {
            int want = d.desired(p);
            if (want == current[p]) {
                pending[p] = -1;
                continue;
            }
            if (pending[p] == want) {
                continue;
            }
            String failure = send(pools.get(p), want);
            if (failure == null) {
                pending[p] = want;
                sentFrom[p] = current[p];
                actions.add(pools.get(p) + "=" + want);
            } else {
                errors++;
                conditions.add("ActuationFailed=True: " + pools.get(p) + ": " + failure);
            }
        }
        conditions.add(errors == 0 ? "Ready=True: " + (actions.isEmpty() ? "holding" : "scaled " + actions)
                : "Ready=False: " + errors + " scale request(s) failed");
        return new LoopStatus(nowMs, s.load(), d.predictedRatePerS(), current, d.desired(), actions, d.reason(),
                conditions, errors);
    }

    /** Null when the request went through, else why not. */
    private String send(String pool, int replicas) {
        String last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                sleeper.accept(retry.backoffMs(attempt));
            }
            if (!leader.getAsBoolean()) {
                return "leadership lost before the request";
            }
            try {
                actuator.scale(pool, replicas);
                return null;
            } catch (ActuationException e) {
                last = e.getMessage();
                LOG.warn("scaling {} to {} failed (attempt {} of {}): {}", pool, replicas, attempt, retry.attempts(),
                        last);
                if (!e.retryable()) {
                    return last;
                }
            }
        }
        return last + " after " + retry.attempts() + " attempts";
    }
}
