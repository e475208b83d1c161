package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.search.Confidence;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PercentileInterval;
import dev.plimsoll.optimizer.search.SimulationSpread;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.BatchStats;
import dev.plimsoll.perfmodel.sim.LatencyStats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What the confirming runs of one proposal found: the mean figures, the interval of each bounded
 * percentile, and the verdict. A bound is met when the upper bound of its percentile's interval is
 * within it and the upper bound of the interval of the share of samples above it is within
 * {@code 1 - q}: the two say the same of one run, but a percentile that sits on a jump of the
 * distribution (a tenth of the tokens interrupted by prefills, or not) flips between runs while the
 * share above the bound moves smoothly, so the share catches what a few runs' percentiles miss.
 * Every run must also have admitted and finished all its requests.
 *
 * @param runs       the runs, in seed order
 * @param figures    their mean figures (each percentile over every measured request of a run)
 * @param confidence the intervals
 * @param ttftMet    TTFT within its bound, by both intervals
 * @param itlMet     ITL within its bound, by both intervals
 * @param e2eMet     end-to-end latency within its bound, by both intervals
 * @param complete   every run admitted and finished every request
 * @param decided    more runs would not change the verdict: every bound met, one interval wholly
 *                   beyond its bound or its estimate beyond it, or a run incomplete
 */
public record ReplicatedOutcome(List<SimulationOutcome> runs, Figures figures, Confidence confidence,
                                boolean ttftMet, boolean itlMet, boolean e2eMet, boolean complete, boolean decided) {
    public ReplicatedOutcome {
        runs = List.copyOf(runs);
    }

    public boolean met() {
        return complete && ttftMet && itlMet && e2eMet;
    }

    /** Simulated requests of one run. */
    public long requestsPerRun() {
        return runs.get(0).requests();
    }

    public String slice() {
        return runs.get(0).slice();
    }

    /** Batches whose estimates entered the intervals. */
    public int batches() {
        return confidence.ttft().batches();
    }

    /** One bounded latency: its bound, its whole-run figure, its batch statistics and exceedances. */
    private record Metric(double boundMs, ToDoubleFunction<Figures> whole, Function<BatchStats, LatencyStats> batch,
                          ToLongFunction<BatchStats> above) {
    }

    /** A metric's two intervals and what they say of its bound. */
    private record Verdict(PercentileInterval percentile, boolean met, boolean beyond) {
    }

    /**
     * The verdict on {@code runs} against {@code sla} at two-sided confidence {@code level}; a batch
     * enters an interval when it holds at least {@code minBatchRequests} measured requests.
     */
    public static ReplicatedOutcome of(List<SimulationOutcome> runs, SlaTarget sla, double level,
                                       int minBatchRequests) {
        double[] ttftMean = new double[runs.size()];
        double[] itlMean = new double[runs.size()];
        double[] rate = new double[runs.size()];
        double[] tokens = new double[runs.size()];
        double[] perGpu = new double[runs.size()];
        double[] perUser = new double[runs.size()];
        boolean complete = true;
        for (int i = 0; i < runs.size(); i++) {
            Figures f = runs.get(i).figures();
            ttftMean[i] = f.ttftMeanMs();
            itlMean[i] = f.itlMeanMs();
            rate[i] = f.requestsPerS();
            tokens[i] = f.outputTokensPerS();
            perGpu[i] = f.tokensPerSPerGpu();
            perUser[i] = f.tokensPerSPerUser();
            complete &= runs.get(i).complete();
        }
        double tail = 1 - sla.quantile();
        Verdict t = verdict(runs, sla, level, minBatchRequests, tail,
                new Metric(sla.ttftMs(), Figures::ttftMs, BatchStats::ttft, BatchStats::ttftAbove));
        Verdict i = verdict(runs, sla, level, minBatchRequests, tail,
                new Metric(sla.itlMs(), Figures::itlMs, BatchStats::itl, BatchStats::itlAbove));
        Verdict e = verdict(runs, sla, level, minBatchRequests, tail,
                new Metric(sla.e2eMs(), Figures::e2eMs, BatchStats::e2e, BatchStats::e2eAbove));
        Verdict p = verdict(runs, sla, level, minBatchRequests, tail,
                new Metric(sla.tpotMs(), Figures::tpotMs, BatchStats::tpot, BatchStats::tpotAbove));
        // requests of one output token have no inter-token gap: nothing to bound; the per-token verdict
        // covers both per-token bounds (each gap, ITL, and each request's mean gap, TPOT)
        boolean itlMet = (Double.isNaN(i.percentile().centreMs()) || i.met())
                && (Double.isInfinite(sla.tpotMs()) || Double.isNaN(p.percentile().centreMs()) || p.met());
        boolean e2eMet = Double.isInfinite(sla.e2eMs()) || e.met();
        boolean decided = !complete || t.beyond() || i.beyond() || e.beyond() || p.beyond()
                || (t.met() && itlMet && e2eMet);
        Figures mean = new Figures(t.percentile().centreMs(), p.percentile().centreMs(), i.percentile().centreMs(),
                e.percentile().centreMs(), mean(ttftMean), mean(itlMean), mean(rate), mean(tokens), mean(perGpu),
                mean(perUser));
        return new ReplicatedOutcome(runs, mean, new Confidence(t.percentile(), i.percentile(), e.percentile(),
                runs.size(), level), t.met(), itlMet, e2eMet, complete, decided);
    }

    private static Verdict verdict(List<SimulationOutcome> runs, SlaTarget sla, double level, int minBatchRequests,
                                   double tail, Metric m) {
        double[] runValue = new double[runs.size()];
        double[] runShare = new double[runs.size()];
        List<Double> batchValue = new ArrayList<>();
        List<Double> batchShare = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            SimulationOutcome run = runs.get(r);
            runValue[r] = m.whole().applyAsDouble(run.figures());
            long above = 0;
            long samples = 0;
            for (BatchStats b : run.batches()) {
                LatencyStats s = m.batch().apply(b);
                above += m.above().applyAsLong(b);
                samples += s.count();
                if (b.requests() >= minBatchRequests && s.count() > 0) {
                    batchValue.add(sla.pick(s));
                    batchShare.add(BatchStats.share(m.above().applyAsLong(b), s));
                }
            }
            runShare[r] = samples == 0 ? Double.NaN : (double) above / samples;
        }
        double[] bv = toArray(batchValue);
        PercentileInterval percentile = PercentileInterval.replicated(runValue, bv, level);
        if (Double.isInfinite(m.boundMs())) {
            return new Verdict(percentile, true, false);
        }
        double[] share = SimulationSpread.interval(runShare, toArray(batchShare), level);
        boolean met = percentile.within(m.boundMs()) && !Double.isNaN(share[2]) && share[2] <= tail;
        // missed for good: an interval wholly beyond its bound, or the estimate itself beyond it (then
        // only runs far better than these could bring the mean back, and the rule stops: futility)
        boolean beyond = percentile.beyond(m.boundMs()) || share[1] > tail || percentile.centreMs() > m.boundMs()
                || share[0] > tail;
        return new Verdict(percentile, met, beyond);
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get(k);
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
