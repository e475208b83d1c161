package dev.plimsoll.optimizer.sizing;

import dev.plimsoll.optimizer.analytic.AggregatedModel;
import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.OfferedLoad;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;

import java.util.ArrayList;
import java.util.List;

/**
 * Aggregated deployments of one engine for the target load: replica counts from the fewest that
 * carry it within the SLA upward (more replicas, smaller batches, faster tokens per user), each
 * at the mean batch its share of the load gives.
 */
public final class AggregatedSizing {
    private AggregatedSizing() {
    }

    public static List<Proposal> proposals(AggregatedModel model, BatchCurve curve, PlanRequest r) {
        List<Proposal> out = new ArrayList<>();
        if (curve.isEmpty()) {
            return out;
        }
        BuiltEngine e = model.engine();
        double osl = r.workload().meanOutputTokens();
        int maxPoints = r.space().maxPointsPerEngine();
        LoadTarget t = r.target();
        if (t instanceof LoadTarget.Rate) {
            double rate = ((LoadTarget.Rate) t).requestsPerS();
            int min = (int) Math.ceil(rate / curve.best().requestsPerS() - 1e-9);
            int max = (int) Math.ceil(rate / curve.feasible().get(0).requestsPerS());
            min = Math.max(1, min);
            for (int n : ReplicaCounts.from(min, ReplicaCounts.cap(min, max), maxPoints)) {
                OperatingPoint p = curve.atRate(rate / n);
                if (p.feasible()) {
                    out.add(proposal(e, n, p, new OfferedLoad(rate, 0), osl));
                }
            }
        } else if (t instanceof LoadTarget.TotalGpus) {
            int n = ((LoadTarget.TotalGpus) t).gpus() / e.gpus();
            if (n < 1) {
                return out;
            }
            List<OperatingPoint> points = new ArrayList<>(curve.feasible());
            if (curve.best() != points.get(points.size() - 1)) {
                points.add(curve.best());
            }
            int from = Math.max(0, points.size() - maxPoints);
            for (OperatingPoint p : points.subList(from, points.size())) {
                out.add(proposal(e, n, p, new OfferedLoad(n * p.requestsPerS(), 0), osl));
            }
        } else {
            int users = ((LoadTarget.Concurrency) t).users();
            int ranksNeeded = (int) Math.ceil(users / Math.floor(curve.best().meanBatch()) - 1e-9);
            int min = Math.max(1, (int) Math.ceil((double) ranksNeeded / e.ranks()));
            int max = Math.max(min, (int) Math.ceil((double) users / e.ranks()));
            for (int n : ReplicaCounts.from(min, ReplicaCounts.cap(min, max), maxPoints)) {
                OperatingPoint p = curve.at((double) users / (n * e.ranks()));
                if (p.feasible()) {
                    out.add(proposal(e, n, p, new OfferedLoad(n * p.requestsPerS(), users), osl));
                }
            }
        }
        return out;
    }

    static Proposal proposal(BuiltEngine e, int replicas, OperatingPoint p, OfferedLoad load, double osl) {
        PoolPlan pool = new PoolPlan(PoolPlan.AGGREGATED, e, replicas, p.maxRunning());
        double tokensPerS = load.requestsPerS() * osl;
        Figures f = new Figures(p.ttftMs(), p.tpotMs(), p.itlMs(), p.e2eMs(), p.ttftMeanMs(), p.itlMeanMs(),
                load.requestsPerS(), tokensPerS, tokensPerS / pool.gpus(), 1000.0 / p.itlMeanMs());
        return new Proposal(Architecture.AGGREGATED, List.of(pool), null, load, f, null, p, null, "");
    }
}
