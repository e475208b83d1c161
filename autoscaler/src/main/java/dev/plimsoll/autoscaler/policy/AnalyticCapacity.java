package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.optimizer.analytic.AggregatedModel;
import dev.plimsoll.optimizer.analytic.DecodeModel;
import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.optimizer.analytic.PrefillModel;
import dev.plimsoll.optimizer.analytic.QueueModel;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.sim.KvTransferLink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * {@link CapacityModel} from the optimizer's analytic models, the ones {@code plimsoll plan} sizes
 * with: an aggregated worker's rate at the SLA from {@link AggregatedModel} over its running
 * batch; prefill workers from the arrival rate and the prompt length with M/D/c queueing at the
 * TTFT percentile ({@link PrefillModel}); decode workers from the rate their largest batch within
 * the ITL bound and the KV pool carries ({@link DecodeModel}). The engine's launched
 * running-request cap (max-num-seqs) bounds the batch.
 *
 * <p>The operating points are computed once, over a fine grid of mean batches, with the SLA's
 * percentile but no bounds; a decision then only scans them: the largest-rate point of the
 * feasible prefix whose latencies, multiplied by the correction factors, stay within the planner's
 * analytic share of the bounds ({@link SlaTarget#forAnalyticModel()}). Dynamo's planner applies
 * its correction factors the same way, to the latencies its profile predicts.
 *
 * <p>The models are built for the plan's request sizes; a load whose mean prompt or output
 * differs is carried as the rate of plan-sized requests with the same token work (prompt tokens
 * for prefill, output tokens for decode; for an aggregated worker both, weighed by the share of
 * its time the model says it prefills).
 */
public final class AnalyticCapacity implements CapacityModel {
    /** Corrections outside [1/4, 4] would say the model is not this deployment's; they are held at the edge. */
    static final double MAX_CORRECTION = 4.0;
    /** Batch grid: steps of a quarter request, or 2 % of the batch where that is larger. */
    static final double GRID_STEP = 0.25;
    static final double GRID_GROWTH = 0.02;

    private final List<String> pools;
    private final int[] gpus;
    private final WorkloadSpec workload;
    private final SlaTarget bounds;
    private final BuiltEngine main;
    private final int maxRunning;
    /** The aggregated or decode worker's points, ascending batch, up to the first that breaks a non-SLA limit. */
    private final List<OperatingPoint> points;
    /** How many of {@link #points} fit the running slots without queueing (the rest queue for a slot). */
    private final int withinSlots;
    /** Disaggregated only. */
    private final PrefillModel prefill;
    private final double transferMs;
    /** Aggregated: share of a worker's time in prefill, which weighs prompt against output work. */
    private final double prefillShare;

    private AnalyticCapacity(List<String> pools, int[] gpus, WorkloadSpec workload, SlaTarget sla, BuiltEngine main,
                             int maxRunning, DoubleFunction<OperatingPoint> model, PrefillModel prefill,
                             double transferMs) {
        this.pools = pools;
        this.gpus = gpus;
        this.workload = workload;
        this.bounds = sla.forAnalyticModel();
        this.main = main;
        this.maxRunning = maxRunning;
        this.prefill = prefill;
        this.transferMs = transferMs;
        // an aggregated worker's requests wait for a running slot inside their TTFT; a decode worker's
        // would wait after their first token, which the decode model does not price: cut there
        Grid g = grid(model, maxRunning, prefill == null ? main.ranks() : 0, sla.quantile());
        this.points = g.points();
        this.withinSlots = g.withinSlots();
        this.prefillShare = prefill != null || withinSlots == 0 ? 0.0
                : prefillShare(points.subList(0, withinSlots), main, workload);
    }

    /**
     * Share of an aggregated worker's time spent prefilling at its highest-rate point within the
     * running slots (no queueing for a slot): requests per
     * rank per ms times the marginal cost of a mean prompt (its prefill step less a one-token step,
     * since in a mixed step the fixed per-step cost is paid by the decodes anyway).
     */
    private static double prefillShare(List<OperatingPoint> points, BuiltEngine engine, WorkloadSpec w) {
        OperatingPoint best = points.get(0);
        for (OperatingPoint p : points) {
            if (p.requestsPerS() > best.requestsPerS()) {
                best = p;
            }
        }
        int tokens = Math.max(1, (int) Math.round(w.meanInputTokens()));
        double promptMs = engine.steps().stepMs(new StepBatch(1, tokens, 0, 0, 0))
                - engine.steps().stepMs(new StepBatch(1, 1, 0, 0, 0));
        return Math.max(0.0, Math.min(1.0, best.requestsPerS() / engine.ranks() / 1000.0 * promptMs));
    }

    /** The same percentile without bounds: the points' limits then say only KV, budget or saturation. */
    private static SlaTarget unbounded(SlaTarget sla) {
        return new SlaTarget(Double.MAX_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, sla.percentile());
    }

    /** Aggregated workers of {@code engine} launched with {@code maxRunning} requests per rank. */
    public static AnalyticCapacity aggregated(BuiltEngine engine, int maxRunning, WorkloadSpec workload,
                                              SlaTarget sla) {
        AggregatedModel model = new AggregatedModel(engine, workload, unbounded(sla), true);
        return new AnalyticCapacity(List.of("aggregated"), new int[] {engine.gpus()}, workload, sla, engine, maxRunning,
                model::at, null, 0.0);
    }

    /** Prefill workers of {@code prefill}, decode workers of {@code decode} (launched with {@code decodeMaxRunning}). */
    public static AnalyticCapacity disaggregated(BuiltEngine prefill, BuiltEngine decode, int decodeMaxRunning,
                                                 KvTransferLink link, WorkloadSpec workload, SlaTarget sla) {
        DecodeModel model = new DecodeModel(decode, workload, unbounded(sla), true);
        PrefillModel p = new PrefillModel(prefill, workload, sla);
        double transfer = link.transferMs(workload.inputQuantile(sla.quantile())
                * prefill.replica().engine().kvBytesPerToken());
        return new AnalyticCapacity(List.of("prefill", "decode"), new int[] {prefill.gpus(), decode.gpus()}, workload,
                sla, decode, decodeMaxRunning, model::at, p, transfer);
    }

    /**
     * The operating points up to the first that breaks a non-SLA limit. Where the running batch's
     * 99th percentile no longer fits the launched slots, requests queue for a slot: with
     * {@code ranks > 0} such points stay, their TTFT at the SLA percentile raised by the wait for
     * one of {@code slots} servers (Erlang's C, each slot held for the time a request spends in the
     * worker, Little's law: mean batch over rate), so the SLA's own percentile decides how full the
     * slots may run rather than a 99th-percentile fit; with {@code ranks == 0} the grid stops there.
     */
    static Grid grid(DoubleFunction<OperatingPoint> model, int slots, int ranks, double quantile) {
        List<OperatingPoint> out = new ArrayList<>();
        int within = -1;
        for (double b = GRID_STEP; b <= slots; b += Math.max(GRID_STEP, b * GRID_GROWTH)) {
            OperatingPoint p = model.apply(b);
            if (!p.feasible()) {
                break;
            }
            if (p.maxRunning() > slots) {
                within = within < 0 ? out.size() : within;
                p = ranks > 0 ? queuedForSlots(p, slots, ranks, quantile) : null;
                if (p == null) {
                    break;
                }
            }
            out.add(p);
        }
        return new Grid(out, within < 0 ? out.size() : within);
    }

    /** Operating points, ascending batch; the first {@code withinSlots} need no queueing for a slot. */
    record Grid(List<OperatingPoint> points, int withinSlots) {
    }

    /** {@code p} with the wait for a running slot in its TTFT; null when the slots cannot keep up. */
    private static OperatingPoint queuedForSlots(OperatingPoint p, int slots, int ranks, double quantile) {
        double ratePerMs = p.requestsPerS() / ranks / 1000.0;
        if (!(ratePerMs > 0)) {
            return null;
        }
        double holdMs = p.meanBatch() / ratePerMs;
        double waitQ = QueueModel.waitQuantileMs(slots, holdMs, ratePerMs, quantile);
        double waitMean = QueueModel.erlangC(slots, ratePerMs * holdMs) / (slots / holdMs - ratePerMs);
        if (!Double.isFinite(waitQ) || !Double.isFinite(waitMean)) {
            return null;
        }
        return new OperatingPoint(p.meanBatch(), slots, p.ttftMs() + waitQ, p.ttftMeanMs() + waitMean, p.itlMs(),
                p.itlMeanMs(), p.tpotMs(), p.e2eMs() + waitQ, p.requestsPerS(), p.queueWaitMs() + waitQ, p.prefillMs(),
                p.decodeStepMs(), p.kvTokens(), p.limit());
    }

    @Override
    public List<String> pools() {
        return pools;
    }

    @Override
    public int gpusPerWorker(int pool) {
        return gpus[pool];
    }

    private boolean disaggregated() {
        return prefill != null;
    }

    private double prefillRate(Load load) {
        return load.requestsPerS() * load.meanInputTokens() / workload.meanInputTokens();
    }

    private double decodeRate(Load load) {
        return load.requestsPerS() * load.meanOutputTokens() / workload.meanOutputTokens();
    }

    @Override
    public double equivalentRate(int pool, Load load) {
        if (disaggregated()) {
            return pool == 0 ? prefillRate(load) : decodeRate(load);
        }
        // an aggregated worker's time splits into prefill (prompt tokens) and decode (output tokens)
        return prefillShare * prefillRate(load) + (1 - prefillShare) * decodeRate(load);
    }

    private static double clampFactor(double f) {
        return Double.isFinite(f) && f > 0 ? Math.max(1.0 / MAX_CORRECTION, Math.min(MAX_CORRECTION, f)) : 1.0;
    }

    /**
     * Highest per-worker rate of the feasible prefix under the corrected bounds; 0 when none. With
     * {@code withinSlotsOnly}, only the points whose batch fits the running slots without queueing
     * count: what a profiling sweep at fixed concurrencies up to the slots measures.
     */
    private double bestRate(Correction c, boolean withinSlotsOnly) {
        double ct = clampFactor(c.ttft());
        double ci = clampFactor(c.itl());
        double best = 0;
        int n = withinSlotsOnly ? withinSlots : points.size();
        for (int i = 0; i < n; i++) {
            OperatingPoint p = points.get(i);
            boolean itlOk = ci * p.itlMs() <= bounds.itlMs() && ci * p.tpotMs() <= bounds.tpotMs();
            // the aggregated worker's TTFT is its own; a decode worker's TTFT belongs to the prefill pool
            boolean ttftOk = disaggregated() || ct * p.ttftMs() <= bounds.ttftMs();
            if (!itlOk || !ttftOk) {
                break;
            }
            best = Math.max(best, p.requestsPerS());
        }
        return best;
    }

    /** Prefill's share of the TTFT bound under a TTFT correction: queueing and prefill, transfer apart. */
    private double prefillBudgetMs(Correction c) {
        return bounds.ttftMs() / clampFactor(c.ttft()) - transferMs;
    }

    @Override
    public int[] workersFor(Load load, Correction correction) {
        double perWorker = bestRate(correction, false);
        if (!disaggregated()) {
            double rate = equivalentRate(0, load);
            return new int[] {perWorker <= 0 ? Integer.MAX_VALUE : ceil(rate / perWorker)};
        }
        int x = prefill.workersFor(prefillRate(load), prefillBudgetMs(correction));
        int y = perWorker <= 0 ? Integer.MAX_VALUE : ceil(decodeRate(load) / perWorker);
        return new int[] {x == 0 ? Integer.MAX_VALUE : Math.max(1, x), Math.max(1, y)};
    }

    @Override
    public Prediction predict(Load load, int[] workers) {
        if (!disaggregated()) {
            OperatingPoint p = atRate(equivalentRate(0, load) / Math.max(1, workers[0]));
            return p == null ? new Prediction(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)
                    : new Prediction(p.ttftMs(), p.itlMs());
        }
        double ttft = prefill.waitMs(prefillRate(load), Math.max(1, workers[0])) + prefill.latencyMs() + transferMs;
        OperatingPoint d = atRate(decodeRate(load) / Math.max(1, workers[1]));
        return new Prediction(ttft, d == null ? Double.POSITIVE_INFINITY : d.itlMs());
    }

    /** Latencies at a per-worker rate, interpolated between grid points; null past the last point. */
    private OperatingPoint atRate(double ratePerS) {
        if (points.isEmpty()) {
            return null;
        }
        OperatingPoint prev = points.get(0);
        if (ratePerS <= prev.requestsPerS()) {
            return prev;
        }
        for (OperatingPoint p : points) {
            if (p.requestsPerS() >= ratePerS) {
                double f = (ratePerS - prev.requestsPerS()) / Math.max(1e-12, p.requestsPerS() - prev.requestsPerS());
                return new OperatingPoint(lerp(prev.meanBatch(), p.meanBatch(), f), p.maxRunning(),
                        lerp(prev.ttftMs(), p.ttftMs(), f), lerp(prev.ttftMeanMs(), p.ttftMeanMs(), f),
                        lerp(prev.itlMs(), p.itlMs(), f), lerp(prev.itlMeanMs(), p.itlMeanMs(), f),
                        lerp(prev.tpotMs(), p.tpotMs(), f),
                        lerp(prev.e2eMs(), p.e2eMs(), f), ratePerS, lerp(prev.queueWaitMs(), p.queueWaitMs(), f),
                        lerp(prev.prefillMs(), p.prefillMs(), f), lerp(prev.decodeStepMs(), p.decodeStepMs(), f),
                        lerp(prev.kvTokens(), p.kvTokens(), f), null);
            }
            prev = p;
        }
        return null;
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    @Override
    public double throughputPerWorker(int pool, Correction correction) {
        if (disaggregated() && pool == 0) {
            return prefill.capacityPerS();
        }
        return bestRate(correction, true);
    }

    @Override
    public double maxRunningPerWorker(int pool, Correction correction) {
        if (disaggregated() && pool == 0) {
            // a prefill worker holds a request only until its KV leaves: bound by prompt throughput instead
            return Double.POSITIVE_INFINITY;
        }
        // the running slots the workers were launched with (max-num-seqs per attention-DP rank)
        return (double) maxRunning * main.ranks();
    }

    private static int ceil(double x) {
        return Math.max(1, (int) Math.ceil(x - 1e-9));
    }
}
