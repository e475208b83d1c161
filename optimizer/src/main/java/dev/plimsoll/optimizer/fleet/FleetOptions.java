package dev.plimsoll.optimizer.fleet;

import dev.plimsoll.optimizer.analytic.AggregatedModel;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.CandidateEnumerator;
import dev.plimsoll.optimizer.search.EngineBuilder;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.sizing.BatchCurve;
import dev.plimsoll.perfmodel.cost.CostModelProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The menu the fleet solver picks from: for each workload and GPU type, the aggregated engines
 * whose replicas carry the most requests per dollar within the SLA, and the smaller engines no
 * cheaper-per-request one beats on size (they fill what a large replica would overshoot).
 */
public final class FleetOptions {
    /** Options kept per workload and GPU type. */
    static final int PER_GPU_TYPE = 3;

    private FleetOptions() {
    }

    public static List<FleetOption> of(FleetWorkload w, List<GpuStock> stocks, CostModelProvider costModels,
                                       SearchSpace space) {
        List<FleetOption> out = new ArrayList<>();
        for (GpuStock stock : stocks) {
            PlanRequest r = new PlanRequest(w.model(), List.of(stock.gpu()), w.quants(), List.of(w.backend()),
                    w.sizes(), new LoadTarget.Rate(w.rate()), w.sla().forAnalyticModel(), Mode.AGG,
                    space, costModels, 0.9);
            EngineBuilder builder = new EngineBuilder(w.model(), costModels, r.memoryFraction());
            List<EngineCandidate> candidates = CandidateEnumerator.enumerate(r);
            List<FleetOption> found = candidates.parallelStream().map(c -> {
                BuiltEngine e = builder.build(c).engine();
                if (e == null || e.gpus() > stock.count()) {
                    return null;
                }
                AggregatedModel model = new AggregatedModel(e, w.sizes(), r.sla(), true);
                BatchCurve curve = new BatchCurve(model::at, space.meanBatches());
                if (curve.isEmpty()) {
                    return null;
                }
                return new FleetOption(w.name(), e, curve.best().requestsPerS(), curve.best().maxRunning());
            }).filter(Objects::nonNull).collect(Collectors.toList());
            out.addAll(efficient(found));
        }
        return out;
    }

    /** The cheapest per request, then smaller replicas only when they are not dominated. */
    static List<FleetOption> efficient(List<FleetOption> options) {
        List<FleetOption> sorted = new ArrayList<>(options);
        sorted.sort(Comparator.comparingDouble(FleetOptions::costPerRequest)
                .thenComparingInt(FleetOption::gpusPerReplica));
        List<FleetOption> kept = new ArrayList<>();
        int smallest = Integer.MAX_VALUE;
        for (FleetOption o : sorted) {
            if (kept.size() >= PER_GPU_TYPE) {
                break;
            }
            if (o.gpusPerReplica() < smallest) {
                kept.add(o);
                smallest = o.gpusPerReplica();
            }
        }
        return kept;
    }

    static double costPerRequest(FleetOption o) {
        return o.costPerReplicaHour() / o.ratePerReplica();
    }
}
