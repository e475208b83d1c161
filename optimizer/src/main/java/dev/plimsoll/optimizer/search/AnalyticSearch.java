package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.analytic.AggregatedModel;
import dev.plimsoll.optimizer.analytic.DecodeModel;
import dev.plimsoll.optimizer.analytic.Limit;
import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.optimizer.analytic.PrefillModel;
import dev.plimsoll.optimizer.sizing.AggregatedSizing;
import dev.plimsoll.optimizer.sizing.BatchCurve;
import dev.plimsoll.optimizer.sizing.DisaggregatedSizing;
import dev.plimsoll.perfmodel.ops.StepBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The pruning pass: every fitted engine through the analytic models, sized for the target load.
 * Runs on the calling thread's fork-join pool (parallel streams), one engine per task.
 */
final class AnalyticSearch {
    private final PlanRequest request;
    private final PlanProgress progress;
    private final boolean openLoop;

    /** What the pass found. */
    record Found(List<Proposal> proposals, Map<BuiltEngine, Limit> limits, Floors floors) {
    }

    /**
     * The fastest any engine can be, for messages about SLAs no configuration can meet.
     *
     * @param ttftMs       prefill of one request alone on the fastest engine
     * @param ttftEngine   that engine
     * @param itlMs        one decode step of one request on the fastest engine
     * @param itlEngine    that engine
     */
    record Floors(double ttftMs, String ttftEngine, double itlMs, String itlEngine) {
    }

    AnalyticSearch(PlanRequest request, PlanProgress progress) {
        this.request = request.withSla(request.sla().forAnalyticModel());
        this.progress = progress;
        this.openLoop = !(request.target() instanceof LoadTarget.Concurrency);
    }

    Found run(List<BuiltEngine> engines) {
        List<Proposal> proposals = Collections.synchronizedList(new ArrayList<>());
        Map<BuiltEngine, Limit> limits = Collections.synchronizedMap(new IdentityHashMap<>());
        List<BuiltEngine> decodeEngines = decodeEngines(engines);
        int units = (request.mode().includesAggregated() ? engines.size() : 0)
                + (request.mode().includesDisaggregated() ? engines.size() + decodeEngines.size() : 0);
        AtomicInteger done = new AtomicInteger();
        if (request.mode().includesAggregated()) {
            engines.parallelStream().forEach(e -> {
                AggregatedModel model = new AggregatedModel(e, request.workload(), request.sla(), openLoop);
                BatchCurve curve = new BatchCurve(model::at, request.space().meanBatches());
                limits.put(e, limitOf(curve));
                proposals.addAll(AggregatedSizing.proposals(model, curve, request));
                progress.update("analytic", done.incrementAndGet(), units);
            });
        }
        if (request.mode().includesDisaggregated()) {
            List<PrefillModel> prefills = engines.parallelStream().map(e -> {
                PrefillModel m = new PrefillModel(e, request.workload(), request.sla());
                progress.update("analytic", done.incrementAndGet(), units);
                return m;
            }).collect(Collectors.toList());
            List<PrefillModel> efficient = efficientPrefills(prefills);
            decodeEngines.parallelStream().forEach(e -> {
                DecodeModel model = new DecodeModel(e, request.workload(), request.sla(), openLoop);
                BatchCurve curve = new BatchCurve(model::at, request.space().meanBatches());
                limits.putIfAbsent(e, limitOf(curve));
                proposals.addAll(DisaggregatedSizing.proposals(curve, e, efficient, request));
                progress.update("analytic", done.incrementAndGet(), units);
            });
        }
        List<Proposal> sorted = new ArrayList<>(proposals);
        sorted.sort(Objective.of(request));
        return new Found(sorted, new IdentityHashMap<>(limits), floors(engines));
    }

    private static Limit limitOf(BatchCurve curve) {
        OperatingPoint broke = curve.firstInfeasible();
        return broke == null ? null : broke.limit();
    }

    /**
     * Decode workers never prefill, so of the token budgets only the smallest matters (it leaves
     * the most memory to the KV cache): one engine per GPU, layout, quantisation and backend.
     */
    private static List<BuiltEngine> decodeEngines(List<BuiltEngine> engines) {
        Map<String, BuiltEngine> best = new LinkedHashMap<>();
        for (BuiltEngine e : engines) {
            EngineCandidate c = e.candidate();
            String key = c.gpu().id() + "|" + c.parallelism() + "|" + c.quant() + "|" + c.backend().id();
            BuiltEngine seen = best.get(key);
            if (seen == null || c.tokenBudget() < seen.candidate().tokenBudget()
                    || (c.tokenBudget() == seen.candidate().tokenBudget() && c.chunkedPrefill()
                    && !seen.candidate().chunkedPrefill())) {
                best.put(key, e);
            }
        }
        return new ArrayList<>(best.values());
    }

    /**
     * Prefill engines no other engine of the same quantisation, backend and worker size beats on
     * both latency and capacity per dollar: the others can never be the cheapest pairing.
     */
    static List<PrefillModel> efficientPrefills(List<PrefillModel> all) {
        List<PrefillModel> out = new ArrayList<>();
        for (PrefillModel p : all) {
            boolean dominated = false;
            for (PrefillModel q : all) {
                if (q == p || !sameGroup(p, q)) {
                    continue;
                }
                boolean noWorse = q.latencyMs() <= p.latencyMs() && perDollar(q) >= perDollar(p);
                boolean better = q.latencyMs() < p.latencyMs() || perDollar(q) > perDollar(p);
                if (noWorse && better) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean sameGroup(PrefillModel a, PrefillModel b) {
        EngineCandidate x = a.engine().candidate();
        EngineCandidate y = b.engine().candidate();
        return x.quant().equals(y.quant()) && x.backend().id().equals(y.backend().id()) && x.gpus() == y.gpus()
                && x.gpu().id().equals(y.gpu().id());
    }

    private static double perDollar(PrefillModel p) {
        return p.capacityPerS() / (p.engine().gpus() * Math.max(1e-9, p.engine().pricePerGpuHour()));
    }

    private Floors floors(List<BuiltEngine> engines) {
        double ttft = Double.POSITIVE_INFINITY;
        double itl = Double.POSITIVE_INFINITY;
        String ttftAt = "";
        String itlAt = "";
        WorkloadSpec w = request.workload();
        long context = Math.round(w.meanInputTokens() + w.meanOutputTokens() / 2);
        for (BuiltEngine e : engines) {
            double prefill = new PrefillModel(e, w, request.sla()).latencyMs();
            if (prefill < ttft) {
                ttft = prefill;
                ttftAt = e.candidate().label();
            }
            double step = e.steps().stepMs(StepBatch.decode(1, context));
            if (step < itl) {
                itl = step;
                itlAt = e.candidate().label();
            }
        }
        return new Floors(ttft, ttftAt, itl, itlAt);
    }
}
