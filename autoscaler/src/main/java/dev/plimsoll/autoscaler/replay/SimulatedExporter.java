package dev.plimsoll.autoscaler.replay;

import dev.plimsoll.autoscaler.metrics.Histogram;
import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.perfmodel.sim.ElasticFleet;
import dev.plimsoll.perfmodel.sim.PoolState;
import dev.plimsoll.perfmodel.sim.ScalingHook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The simulated fleet's metrics as its engines and front end would export them, read the way the
 * controller reads Prometheus, and the policy that acts on them. Counters (requests started,
 * prompt and generation tokens, requests finished) become rates over the last interval;
 * TTFT and ITL are vLLM's histograms, read with {@code histogram_quantile} over the interval;
 * gauges (running, waiting, KV usage) are read at the instant. Mean request sizes are taken over
 * the last {@value #SIZE_WINDOWS} intervals, so that a quiet interval does not swing them.
 */
final class SimulatedExporter implements ScalingHook {
    static final int SIZE_WINDOWS = 4;

    private final ScalingPolicy policy;
    private final double quantile;
    private final int[] gpusPerWorker;
    private final Histogram ttft = new Histogram(Histogram.VLLM_TTFT_BUCKETS_S);
    private final Histogram itl = new Histogram(Histogram.VLLM_ITL_BUCKETS_S);
    private long started;
    private long promptTokens;
    private long generationTokens;
    private long finished;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private final List<IntervalRow> rows = new ArrayList<>();
    private int actions;
    private ElasticFleet fleet;
    private long decisions;
    private long decisionNanos;
    private long maxDecisionNanos;
    /** GPU-milliseconds held up to the last control tick (the first one with no work left). */
    private double gpuMsAtLastControl;

    SimulatedExporter(ScalingPolicy policy, double quantile, int[] gpusPerWorker) {
        this.policy = policy;
        this.quantile = quantile;
        this.gpusPerWorker = gpusPerWorker.clone();
        marks.add(new Mark(0.0, 0, 0, 0, 0, ttft.copy(), itl.copy()));
    }

    private record Mark(double timeMs, long started, long promptTokens, long generationTokens, long finished,
                        Histogram ttft, Histogram itl) {
    }

    @Override
    public void arrived(double nowMs, int inputTokens) {
        started++;
        promptTokens += inputTokens;
    }

    @Override
    public void firstToken(double nowMs, double ttftMs) {
        ttft.observe(ttftMs / 1000.0);
    }

    @Override
    public void tokens(double nowMs, int tokens, double gapMs) {
        generationTokens += tokens;
        if (!Double.isNaN(gapMs)) {
            itl.observe(gapMs / tokens / 1000.0, tokens);
        }
    }

    @Override
    public void finished(double nowMs) {
        finished++;
    }

    @Override
    public void control(double nowMs, ElasticFleet fleet) {
        this.fleet = fleet;
        Mark last = marks.peekLast();
        Mark sizes = marks.peekFirst();
        double dt = (nowMs - last.timeMs) / 1000.0;
        double rate = dt > 0 ? (started - last.started) / dt : Double.NaN;
        long startedInWindow = started - sizes.started;
        long finishedInWindow = finished - sizes.finished;
        double isl = startedInWindow > 0 ? (double) (promptTokens - sizes.promptTokens) / startedInWindow : Double.NaN;
        double osl = finishedInWindow > 0 ? (double) (generationTokens - sizes.generationTokens) / finishedInWindow
                : Double.NaN;
        Histogram ttftWindow = ttft.minus(last.ttft);
        Histogram itlWindow = itl.minus(last.itl);
        List<PoolMetrics> pools = new ArrayList<>();
        List<PoolState> states = new ArrayList<>();
        for (int p = 0; p < fleet.pools(); p++) {
            PoolState s = fleet.state(p);
            states.add(s);
            pools.add(new PoolMetrics(s.pool(), s.readyWorkers(), s.provisionedWorkers(), s.runningRequests(),
                    s.waitingRequests(), s.kvUsage()));
        }
        MetricsSnapshot snapshot = new MetricsSnapshot(nowMs, 0.0, new Load(rate, isl, osl),
                ttftWindow.quantile(quantile) * 1000.0, itlWindow.quantile(quantile) * 1000.0, ttftWindow.count(),
                pools);
        long t0 = System.nanoTime();
        Decision d = policy.decide(snapshot);
        long took = System.nanoTime() - t0;
        decisions++;
        decisionNanos += took;
        maxDecisionNanos = Math.max(maxDecisionNanos, took);
        boolean acted = false;
        List<IntervalRow.PoolRow> poolRows = new ArrayList<>();
        int gpus = 0;
        for (int p = 0; p < fleet.pools(); p++) {
            PoolState s = states.get(p);
            int desired = d.desired(p);
            if (desired != s.provisionedWorkers()) {
                desired = fleet.scaleTo(p, desired);
                acted |= desired != s.provisionedWorkers();
            }
            PoolState after = fleet.state(p);
            gpus += (after.provisionedWorkers() + after.drainingWorkers()) * gpusPerWorker[p];
            poolRows.add(new IntervalRow.PoolRow(s.pool(), s.readyWorkers(), desired, s.waitingRequests(),
                    s.runningRequests(), s.kvUsage()));
        }
        if (acted) {
            actions++;
        }
        gpuMsAtLastControl = heldGpuMs();
        rows.add(new IntervalRow(nowMs / 1000.0, rate, snapshot.ttftMs(), snapshot.itlMs(), poolRows, gpus, acted,
                d.reason()));
        marks.addLast(new Mark(nowMs, started, promptTokens, generationTokens, finished, ttft.copy(), itl.copy()));
        while (marks.size() > SIZE_WINDOWS + 1) {
            marks.removeFirst();
        }
    }

    List<IntervalRow> rows() {
        return rows;
    }

    /**
     * GPU-milliseconds held by every pool up to the last control tick, which is the first tick after
     * the trace's last request finished: every policy is charged over the span the trace keeps the
     * fleet busy. Workers still starting when the work is over are not charged past it (a fleet that
     * keeps serving would put them to the traffic that follows), and no policy is charged for a
     * release that could only come after the trace.
     */
    double gpuMs() {
        return gpuMsAtLastControl;
    }

    private double heldGpuMs() {
        if (fleet == null) {
            return 0.0;
        }
        double ms = 0;
        for (int p = 0; p < fleet.pools(); p++) {
            ms += fleet.heldMs(p) * gpusPerWorker[p];
        }
        return ms;
    }

    int actions() {
        return actions;
    }

    double meanDecisionMs() {
        return decisions == 0 ? 0.0 : decisionNanos / 1e6 / decisions;
    }

    double maxDecisionMs() {
        return maxDecisionNanos / 1e6;
    }
}
