package dev.plimsoll.autoscaler.policy;

import dev.plimsoll.optimizer.analytic.AggregatedModel;
import dev.plimsoll.optimizer.analytic.DecodeModel;
import dev.plimsoll.optimizer.analytic.Limit;
import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.optimizer.analytic.PrefillModel;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.optimizer.sizing.BatchCurve;
import dev.plimsoll.perfmodel.sim.KvTransferLink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * {@link CapacityModel} from the optimizer's analytic models, the ones {@code plimsoll plan} sizes
 * with: an aggregated worker's rate at the SLA from {@link AggregatedModel} over its batch
 * ({@link BatchCurve}); prefill workers from the arrival rate and the prompt length with M/D/c
 * queueing at the TTFT percentile ({@link PrefillModel}); decode workers from the rate their
 * largest batch within the ITL bound and the KV pool carries ({@link DecodeModel}). The engine's
 * launched running-request cap (max-num-seqs) bounds the batch.
 *
 * <p>The models are built for the plan's request sizes; a load whose mean prompt or output
 * differs is carried as the rate of plan-sized requests with the same token work (prompt tokens
 * for prefill, output tokens for decode). Corrections tighten the SLA the model sizes with
 * ({@code bound / factor}), as Dynamo's planner applies its correction factors; curves are
 * memoised per correction, rounded to {@value #CORRECTION_STEP}.
 */
public final class AnalyticCapacity implements CapacityModel {
    /** Corrections are rounded to this step so that curves are reused (5 % of a bound). */
    static final double CORRECTION_STEP = 0.05;
    /** Corrections outside [1/4, 4] would say the model is not this deployment's; they are held at the edge. */
    static final double MAX_CORRECTION = 4.0;

    private final List<String> pools;
    private final int[] gpus;
    private final WorkloadSpec workload;
    private final SlaTarget sla;
    private final BuiltEngine main;
    private final int maxRunning;
    /** Disaggregated only. */
    private final BuiltEngine prefill;
    private final KvTransferLink link;
    private final Map<Long, Sized> cache = new HashMap<>();

    private AnalyticCapacity(List<String> pools, int[] gpus, WorkloadSpec workload, SlaTarget sla, BuiltEngine main,
                             int maxRunning, BuiltEngine prefill, KvTransferLink link) {
        this.pools = pools;
        this.gpus = gpus;
        this.workload = workload;
        this.sla = sla;
        this.main = main;
        this.maxRunning = maxRunning;
        this.prefill = prefill;
        this.link = link;
    }

    /** Aggregated workers of {@code engine} launched with {@code maxRunning} requests per rank. */
    public static AnalyticCapacity aggregated(BuiltEngine engine, int maxRunning, WorkloadSpec workload,
                                              SlaTarget sla) {
        return new AnalyticCapacity(List.of("aggregated"), new int[] {engine.gpus()}, workload, sla, engine, maxRunning,
                null, null);
    }

    /** Prefill workers of {@code prefill}, decode workers of {@code decode} (launched with {@code decodeMaxRunning}). */
    public static AnalyticCapacity disaggregated(BuiltEngine prefill, BuiltEngine decode, int decodeMaxRunning,
                                                 KvTransferLink link, WorkloadSpec workload, SlaTarget sla) {
        return new AnalyticCapacity(List.of("prefill", "decode"), new int[] {prefill.gpus(), decode.gpus()}, workload,
                sla, decode, decodeMaxRunning, prefill, link);
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

    /** Rate of plan-sized requests carrying the prompt-token work of {@code load}. */
    private double prefillRate(Load load) {
        return load.requestsPerS() * load.meanInputTokens() / workload.meanInputTokens();
    }

    /** Rate of plan-sized requests carrying the output-token work of {@code load}. */
    private double decodeRate(Load load) {
        return load.requestsPerS() * load.meanOutputTokens() / workload.meanOutputTokens();
    }

    @Override
    public int[] workersFor(Load load, Correction correction) {
        Sized s = sized(correction);
        if (!disaggregated()) {
            double rate = Math.max(prefillRate(load), decodeRate(load));
            return new int[] {s.perWorkerRate <= 0 ? Integer.MAX_VALUE : ceil(rate / s.perWorkerRate)};
        }
        int x = s.prefill == null ? Integer.MAX_VALUE : s.prefill.workersFor(prefillRate(load), s.prefillBudgetMs);
        if (x == 0) {
            x = Integer.MAX_VALUE;
        }
        int y = s.perWorkerRate <= 0 ? Integer.MAX_VALUE : ceil(decodeRate(load) / s.perWorkerRate);
        return new int[] {Math.max(1, x), Math.max(1, y)};
    }

    @Override
    public Prediction predict(Load load, int[] workers) {
        Sized s = sized(Correction.NONE);
        if (!disaggregated()) {
            double rate = Math.max(prefillRate(load), decodeRate(load)) / Math.max(1, workers[0]);
            if (s.curve.isEmpty() || rate > s.perWorkerRate * (1 + 1e-9)) {
                return new Prediction(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            OperatingPoint p = s.curve.atRate(rate);
            return new Prediction(p.ttftMs(), p.itlMs());
        }
        double ttft = s.prefill.waitMs(prefillRate(load), workers[0]) + s.prefill.latencyMs() + s.transferMs;
        double rate = decodeRate(load) / Math.max(1, workers[1]);
        double itl = s.curve.isEmpty() || rate > s.perWorkerRate * (1 + 1e-9) ? Double.POSITIVE_INFINITY
                : s.curve.atRate(rate).itlMs();
        return new Prediction(ttft, itl);
    }

    @Override
    public double throughputPerWorker(int pool, Correction correction) {
        Sized s = sized(correction);
        if (disaggregated() && pool == 0) {
            return s.prefill == null ? 0.0 : s.prefill.capacityPerS();
        }
        return s.perWorkerRate;
    }

    /** Rate of plan-sized requests carrying {@code load}'s work in {@code pool}. */
    public double equivalentRate(int pool, Load load) {
        if (disaggregated()) {
            return pool == 0 ? prefillRate(load) : decodeRate(load);
        }
        return Math.max(prefillRate(load), decodeRate(load));
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

    private static double round(double factor) {
        double f = Math.max(1.0 / MAX_CORRECTION, Math.min(MAX_CORRECTION, Double.isFinite(factor) ? factor : 1.0));
        return Math.max(CORRECTION_STEP, Math.round(f / CORRECTION_STEP) * CORRECTION_STEP);
    }

    private Sized sized(Correction c) {
        double t = round(c.ttft());
        double i = round(c.itl());
        long key = Math.round(t / CORRECTION_STEP) * 1_000_000L + Math.round(i / CORRECTION_STEP);
        return cache.computeIfAbsent(key, k -> build(t, i));
    }

    private Sized build(double ttftFactor, double itlFactor) {
        // the analytic headroom the planner keeps, then the correction
        SlaTarget base = sla.forAnalyticModel();
        SlaTarget corrected = new SlaTarget(base.ttftMs() / ttftFactor, base.itlMs() / itlFactor, base.e2eMs(),
                base.percentile());
        List<Double> grid = SearchSpace.defaults().meanBatches();
        if (!disaggregated()) {
            AggregatedModel model = new AggregatedModel(main, workload, corrected, true);
            BatchCurve curve = new BatchCurve(capped(model::at), grid);
            return new Sized(curve, curve.isEmpty() ? 0.0 : curve.best().requestsPerS(), null, 0, 0);
        }
        DecodeModel decode = new DecodeModel(main, workload, corrected, true);
        BatchCurve curve = new BatchCurve(capped(decode::at), grid);
        PrefillModel p = new PrefillModel(prefill, workload, corrected);
        double transferMs = link.transferMs(workload.inputQuantile(sla.quantile())
                * prefill.replica().engine().kvBytesPerToken());
        return new Sized(curve, curve.isEmpty() ? 0.0 : curve.best().requestsPerS(), p, corrected.ttftMs() - transferMs,
                transferMs);
    }

    /** Points whose batch needs more running slots than the workers were launched with are infeasible. */
    private DoubleFunction<OperatingPoint> capped(DoubleFunction<OperatingPoint> model) {
        return b -> {
            OperatingPoint p = model.apply(b);
            if (p.feasible() && p.maxRunning() > maxRunning) {
                return new OperatingPoint(p.meanBatch(), p.maxRunning(), p.ttftMs(), p.ttftMeanMs(), p.itlMs(),
                        p.itlMeanMs(), p.e2eMs(), p.requestsPerS(), p.queueWaitMs(), p.prefillMs(), p.decodeStepMs(),
                        p.kvTokens(), Limit.MAX_BATCH);
            }
            return p;
        };
    }

    private record Sized(BatchCurve curve, double perWorkerRate, PrefillModel prefill, double prefillBudgetMs,
                         double transferMs) {
    }
}
