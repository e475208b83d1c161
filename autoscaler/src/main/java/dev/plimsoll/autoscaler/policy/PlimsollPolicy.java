package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.autoscaler.policy.forecast.Forecaster;
import dev.plimsoll.optimizer.analytic.QueueModel;
import dev.plimsoll.optimizer.search.SlaTarget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Plimsoll's policy. Every interval: read the load, feed the forecaster, correct the model by
 * observed over predicted latency, and size each pool with Plimsoll's model for the larger of
 * (a) the observed rate plus the queued requests that must start within the TTFT bound and
 * (b) the forecast's upper band over a start-up and an interval ahead; decode workers also for
 * the running requests and KV usage seen. Every slow interval the forecast's lower band over the
 * next slow interval sets a floor. Then the rules: stabilisation (a scale-down must be
 * recommended over {@value #DOWN_WINDOW_INTERVALS} intervals), consolidation (the survivors must
 * hold the running requests and KV; after a gap in the metrics, good ones must cover the window
 * again), one action in flight per pool (a pool still starting
 * workers does not drain ready ones, though it cancels starting workers the need no longer asks
 * for; one whose workers never get ready stops growing), bounds, gangs and the GPU budget. On
 * missing, stale or non-finite metrics it holds.
 */
public final class PlimsollPolicy implements ScalingPolicy {
    /**
     * KV share the survivors of a scale-down, or a decode pool, may reach: vLLM starts preempting
     * (recomputing) requests when the KV pool is full, so 10 % is kept for the requests' growth.
     * A design margin, not a measured figure.
     */
    static final double KV_TARGET = 0.9;
    /**
     * A scale-down must be recommended over this many intervals. The need already covers the
     * forecast's upper band over a start-up and an interval (whether the load comes back before a
     * worker could), so the window only has to filter one noisy window: two observations.
     */
    static final int DOWN_WINDOW_INTERVALS = 2;
    /**
     * One-step errors the forecaster's own spread needs before it is trusted (four intervals). Until
     * then the margin is the spread of a Poisson count, a floor under the real error, and the policy
     * drains no ready worker on it (it may still cancel workers that are only starting).
     */
    static final int MIN_ERRORS = 4;

    private final CapacityModel model;
    private final Limits limits;
    private final SlaTarget sla;
    private final PlimsollSettings settings;
    private final Forecaster forecaster;
    private final CorrectionTracker corrections = new CorrectionTracker();
    private final Stabiliser stabiliser;
    private final double[] inFlightSinceMs;
    private int[] floor;
    private double nextSlowMs = Double.NEGATIVE_INFINITY;
    private int observations;
    private boolean wasSteady;
    /** When the current run of complete, fresh snapshots began; NaN after a bad one. */
    private double goodSinceMs = Double.NaN;

    public PlimsollPolicy(CapacityModel model, Limits limits, SlaTarget sla, PlimsollSettings settings) {
        this.model = model;
        this.limits = limits;
        this.sla = sla;
        this.settings = settings;
        this.forecaster = Forecaster.of(settings.forecaster(), settings.intervalMs());
        int pools = model.pools().size();
        this.stabiliser = new Stabiliser(pools, 0.0, DOWN_WINDOW_INTERVALS * settings.intervalMs());
        this.inFlightSinceMs = new double[pools];
        Arrays.fill(inFlightSinceMs, Double.NaN);
        this.floor = new int[pools];
    }

    @Override
    public String name() {
        return "plimsoll";
    }

    public CapacityModel.Correction correction() {
        return corrections.current();
    }

    @Override
    public Decision decide(MetricsSnapshot s) {
        int[] current = ScalingPolicy.current(s);
        trackInFlight(s);
        if (!s.complete() || s.ageMs() > settings.staleAfterMs()) {
            goodSinceMs = Double.NaN;
            return new Decision(current, "metrics missing, stale or not finite: hold", Double.NaN);
        }
        if (Double.isNaN(goodSinceMs)) {
            goodSinceMs = s.timeMs();
        }
        // after a gap the stabiliser has no recommendations to go by: a scale-down waits until good
        // metrics have covered its window again
        boolean covered = s.timeMs() - goodSinceMs >= DOWN_WINDOW_INTERVALS * settings.intervalMs();
        Load load = s.load();
        forecaster.observe(load.requestsPerS());
        // a window judges the model only when the fleet was steady at both of its ends
        boolean steady = steady(s);
        corrections.update(s, model.predict(load, ready(s)), sla, steady && wasSteady);
        wasSteady = steady;
        CapacityModel.Correction c = corrections.current();
        double z = QueueModel.normalQuantile(sla.quantile());
        // until the forecaster has a few errors to go by, the spread of a Poisson count over one
        // interval stands in for its error (rate / interval seconds is the variance of its rate)
        double poissonSd = Math.sqrt(load.requestsPerS() / (settings.intervalMs() / 1000.0));
        // the Poisson spread is only a floor under the forecaster's error (real traffic is burstier than
        // Poisson): until the error itself is known, the margin may be too narrow to shrink on
        boolean spreadKnown = observations >= MIN_ERRORS;
        double rms = spreadKnown ? forecaster.errorRms() : poissonSd;
        double margin = z * Math.max(rms, poissonSd);
        observations++;

        if (s.timeMs() >= nextSlowMs) {
            int slowSteps = Math.max(1, (int) Math.round(settings.slowIntervalMs() / settings.intervalMs()));
            // the lower prediction bound: one-step errors grow like a random walk's, with sqrt(k)
            double low = Double.POSITIVE_INFINITY;
            for (int k = 1; k <= slowSteps; k++) {
                low = Math.min(low, forecaster.forecast(k) - margin * Math.sqrt(k));
            }
            low = Math.max(0.0, low);
            floor = low > 0 ? model.workersFor(load.withRate(low), c) : new int[current.length];
            nextSlowMs = s.timeMs() + settings.slowIntervalMs();
        }
        double upper = 0;
        for (int k = 1; k <= settings.horizonSteps(); k++) {
            upper = Math.max(upper, forecaster.forecast(k));
        }
        upper += margin;
        // queued requests must start within the TTFT bound: their rate over it adds to the load
        double backlogPerS = s.pool(0).waitingRequests() / (sla.ttftMs() / 1000.0);
        double observed = load.requestsPerS() + backlogPerS;
        double sized = Math.max(observed, upper);
        int[] need = model.workersFor(load.withRate(sized), c);
        List<String> why = new ArrayList<>();
        for (int p = 0; p < need.length; p++) {
            if (servesDecode(p)) {
                PoolMetrics m = s.pool(p);
                double perWorker = model.maxRunningPerWorker(p, c);
                int byConcurrency = perWorker > 0 ? (int) Math.ceil(m.runningRequests() / perWorker - 1e-9) : 0;
                int byKv = (int) Math.ceil(m.readyReplicas() * m.kvUsage() / KV_TARGET - 1e-9);
                if (Math.max(byConcurrency, byKv) > need[p]) {
                    why.add(model.pools().get(p) + " by " + (byKv > byConcurrency ? "KV usage" : "running requests"));
                }
                need[p] = Math.max(need[p], Math.max(byConcurrency, byKv));
            }
            need[p] = Math.max(need[p], floor[p]);
        }
        int[] stable = stabiliser.apply(s.timeMs(), current, need);
        int[] target = stable.clone();
        for (int p = 0; p < target.length; p++) {
            PoolMetrics m = s.pool(p);
            int starting = m.provisionedReplicas() - m.readyReplicas();
            if (!covered && target[p] <= current[p] && need[p] < current[p]) {
                target[p] = current[p];
                why.add(model.pools().get(p) + " down held: metrics back for less than the stabilisation window");
            } else if (starting > 0 && need[p] < current[p]) {
                // workers still starting serve nobody: the ones the need no longer asks for are cancelled
                // at once (a ReplicaSet removes not-ready pods first), which finishes the action in flight
                target[p] = Math.max(need[p], m.readyReplicas());
                why.add(model.pools().get(p) + " cancels " + (current[p] - target[p]) + " starting");
            } else if (!spreadKnown && need[p] < current[p]) {
                // a drained ready worker is serving capacity lost for a whole start-up if the narrow margin
                // was wrong; a cancelled start-up (above) loses at most the start-up time it had served
                target[p] = current[p];
                why.add(model.pools().get(p) + " down held: forecast error not known yet (" + (observations - 1)
                        + " of " + MIN_ERRORS + " errors)");
            } else if (target[p] < current[p]) {
                if (m.scalingInFlight()) {
                    target[p] = current[p];
                    why.add(model.pools().get(p) + " down held: action in flight");
                } else if (!survivorsHold(p, m, target[p], c)) {
                    target[p] = current[p];
                    why.add(model.pools().get(p) + " down held: survivors could not hold the running requests");
                }
            } else if (target[p] > current[p] && stuck(p, s.timeMs())) {
                target[p] = current[p];
                why.add(model.pools().get(p) + " up held: workers not ready after "
                        + Math.round(settings.stuckAfterMs() / 1000) + " s");
            }
        }
        Limits.Clamped clamped = limits.clamp(target);
        if (clamped.budgetBound()) {
            why.add("GPU budget " + limits.gpuBudget());
        }
        String reason = String.format(Locale.ROOT, "load %.1f req/s (+%.1f queued), forecast up to %.1f; need %s,"
                        + " floor %s, correction ttft %.2f itl %.2f", load.requestsPerS(), backlogPerS, upper,
                Arrays.toString(need), Arrays.toString(floor), c.ttft(), c.itl());
        if (!why.isEmpty()) {
            reason += "; " + String.join(", ", why);
        }
        return new Decision(clamped.replicas(), reason, sized);
    }

    private boolean servesDecode(int pool) {
        String name = model.pools().get(pool);
        return name.equals("aggregated") || name.equals("decode");
    }

    /**
     * After removing workers down to {@code survivors}, the rest still hold what runs and waits in
     * their running slots, and its KV within {@link #KV_TARGET}.
     */
    private boolean survivorsHold(int pool, PoolMetrics m, int survivors, CapacityModel.Correction c) {
        double perWorker = model.maxRunningPerWorker(pool, c);
        if (m.runningRequests() + m.waitingRequests() > perWorker * survivors) {
            return false;
        }
        return m.kvUsage() * m.readyReplicas() <= KV_TARGET * survivors;
    }

    private static int[] ready(MetricsSnapshot s) {
        int[] n = new int[s.pools().size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.max(1, s.pool(i).readyReplicas());
        }
        return n;
    }

    /** No backlog beyond one request per worker and no action in flight: the model can be judged. */
    private static boolean steady(MetricsSnapshot s) {
        for (PoolMetrics p : s.pools()) {
            if (p.scalingInFlight() || p.waitingRequests() > p.readyReplicas()) {
                return false;
            }
        }
        return true;
    }

    private void trackInFlight(MetricsSnapshot s) {
        for (int p = 0; p < inFlightSinceMs.length; p++) {
            PoolMetrics m = s.pool(p);
            if (m.provisionedReplicas() > m.readyReplicas()) {
                if (Double.isNaN(inFlightSinceMs[p])) {
                    inFlightSinceMs[p] = s.timeMs();
                }
            } else {
                inFlightSinceMs[p] = Double.NaN;
            }
        }
    }

    private boolean stuck(int pool, double nowMs) {
        return !Double.isNaN(inFlightSinceMs[pool]) && nowMs - inFlightSinceMs[pool] > settings.stuckAfterMs();
    }
}
