package dev.plimsoll.optimizer.sizing;

import dev.plimsoll.optimizer.analytic.OperatingPoint;
import dev.plimsoll.optimizer.analytic.PrefillModel;
import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.OfferedLoad;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.sim.KvTransferLink;

import java.util.ArrayList;
import java.util.List;

/**
 * Disaggregated deployments around one decode engine: decode workers from the fewest that carry
 * the load within the ITL bound upward; for each, the prefill engine and worker count that meet
 * the TTFT bound at least cost. Rate matching is by queueing, not constant derating: the prefill
 * pool gets the fewest workers whose M/D/c queue, prefill and KV transfer to the decode worker stay
 * within the TTFT bound at the SLA percentile; the decode pool takes the rate its mean batch gives.
 */
public final class DisaggregatedSizing {
    /**
     * Running-request cap of a prefill worker: its requests hold KV until their transfer ends, so
     * the cap is vLLM's default max_num_seqs (256) rather than the prompts of one step.
     */
    static final int PREFILL_MAX_RUNNING = 256;

    private DisaggregatedSizing() {
    }

    /**
     * A prefill engine paired with one decode engine: its link, the transfer of a prompt at the SLA
     * quantile, and what is left of the TTFT bound for queueing and prefill.
     */
    private record Pairing(PrefillModel prefill, KvTransferLink link, double transferMs, double budgetMs) {
        double gpuPrice() {
            return prefill.engine().gpus() * prefill.engine().pricePerGpuHour();
        }
    }

    public static List<Proposal> proposals(BatchCurve decode, BuiltEngine decodeEngine, List<PrefillModel> prefills,
                                           PlanRequest r) {
        List<Proposal> out = new ArrayList<>();
        if (decode.isEmpty()) {
            return out;
        }
        SlaTarget sla = r.sla();
        double islQ = r.workload().inputQuantile(sla.quantile());
        List<Pairing> pairings = new ArrayList<>();
        for (PrefillModel p : prefills) {
            if (!p.engine().candidate().quant().equals(decodeEngine.candidate().quant())
                    || !p.engine().candidate().backend().id().equals(decodeEngine.candidate().backend().id())) {
                continue;
            }
            KvTransferLink link = TransferLinks.between(p.engine(), decodeEngine);
            double transferMs = link.transferMs(islQ * p.engine().replica().engine().kvBytesPerToken());
            double budget = sla.ttftMs() - transferMs;
            if (p.latencyMs() <= budget) {
                pairings.add(new Pairing(p, link, transferMs, budget));
            }
        }
        if (pairings.isEmpty()) {
            return out;
        }
        double osl = r.workload().meanOutputTokens();
        int maxPoints = r.space().maxPointsPerEngine();
        int gd = decodeEngine.gpus();
        LoadTarget t = r.target();
        if (t instanceof LoadTarget.Rate) {
            double rate = ((LoadTarget.Rate) t).requestsPerS();
            int min = Math.max(1, (int) Math.ceil(rate / decode.best().requestsPerS() - 1e-9));
            int max = (int) Math.ceil(rate / decode.feasible().get(0).requestsPerS());
            for (int y : ReplicaCounts.from(min, ReplicaCounts.cap(min, max), maxPoints)) {
                OperatingPoint d = decode.atRate(rate / y);
                Proposal p = cheapest(pairings, decodeEngine, y, d, new OfferedLoad(rate, 0), r, osl);
                if (p != null) {
                    out.add(p);
                }
            }
        } else if (t instanceof LoadTarget.TotalGpus) {
            int budget = ((LoadTarget.TotalGpus) t).gpus();
            double decodeRate = decode.best().requestsPerS();
            for (int y = 1; y * gd < budget; y++) {
                Pairing chosen = null;
                int chosenX = 0;
                double chosenRate = 0;
                for (Pairing pr : pairings) {
                    int x = (budget - y * gd) / pr.prefill.engine().gpus();
                    if (x < 1) {
                        continue;
                    }
                    double rate = Math.min(pr.prefill.maxRatePerS(x, pr.budgetMs), y * decodeRate);
                    int needed = pr.prefill.workersFor(rate, pr.budgetMs);
                    if (rate <= 0 || needed < 1) {
                        continue;
                    }
                    double cost = needed * pr.gpuPrice();
                    if (chosen == null || rate > chosenRate * (1 + 1e-9)
                            || (rate >= chosenRate * (1 - 1e-9) && cost < chosenX * chosen.gpuPrice())) {
                        chosen = pr;
                        chosenX = needed;
                        chosenRate = rate;
                    }
                }
                if (chosen == null) {
                    continue;
                }
                OperatingPoint d = decode.atRate(chosenRate / y);
                if (d.feasible()) {
                    Proposal p = proposal(chosen, chosenX, decodeEngine, y, d, new OfferedLoad(chosenRate, 0), r, osl);
                    if (p != null) {
                        out.add(p);
                    }
                }
            }
        } else {
            int users = ((LoadTarget.Concurrency) t).users();
            int ranks = decodeEngine.ranks();
            int min = Math.max(1, (int) Math.ceil(users / (ranks * Math.floor(decode.best().meanBatch())) - 1e-9));
            int max = Math.max(min, (int) Math.ceil((double) users / ranks));
            Pairing fastest = pairings.get(0);
            for (Pairing pr : pairings) {
                if (pr.prefill.latencyMs() + pr.transferMs < fastest.prefill.latencyMs() + fastest.transferMs) {
                    fastest = pr;
                }
            }
            for (int y : ReplicaCounts.from(min, ReplicaCounts.cap(min, max), maxPoints)) {
                OperatingPoint d = decode.at((double) users / (y * ranks));
                if (!d.feasible()) {
                    continue;
                }
                // completion rate of the closed loop: users over their request lifetime
                double lifetimeMs = fastest.prefill.latencyMs() + fastest.transferMs
                        + Math.max(0, osl - 1) * d.itlMeanMs();
                double rate = users / lifetimeMs * 1000.0;
                Proposal p = cheapest(pairings, decodeEngine, y, d, new OfferedLoad(rate, users), r, osl);
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static Proposal cheapest(List<Pairing> pairings, BuiltEngine decodeEngine, int y, OperatingPoint d,
                                     OfferedLoad load, PlanRequest r, double osl) {
        if (!d.feasible()) {
            return null;
        }
        Pairing best = null;
        int bestX = 0;
        for (Pairing pr : pairings) {
            int x = pr.prefill.workersFor(load.requestsPerS(), pr.budgetMs);
            if (x < 1) {
                continue;
            }
            double cost = x * pr.gpuPrice();
            double bestCost = bestX * (best == null ? 0 : best.gpuPrice());
            if (best == null || cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9
                    && pr.prefill.latencyMs() + pr.transferMs < best.prefill.latencyMs() + best.transferMs)) {
                best = pr;
                bestX = x;
            }
        }
        return best == null ? null : proposal(best, bestX, decodeEngine, y, d, load, r, osl);
    }

    private static Proposal proposal(Pairing pr, int x, BuiltEngine decodeEngine, int y, OperatingPoint d,
                                     OfferedLoad load, PlanRequest r, double osl) {
        SlaTarget sla = r.sla();
        double rate = load.requestsPerS();
        double ttftQ = pr.prefill.waitMs(rate, x) + pr.prefill.latencyMs() + pr.transferMs;
        double ttftMean = pr.prefill.meanWaitMs(rate, x) + pr.prefill.latencyMs() + pr.transferMs;
        if (!(ttftQ <= sla.ttftMs())) {
            return null;
        }
        double e2eQ = ttftQ + Math.max(0, r.workload().outputQuantile(sla.quantile()) - 1) * d.itlMeanMs();
        if (e2eQ > sla.e2eMs()) {
            return null;
        }
        PoolPlan prefill = new PoolPlan(PoolPlan.PREFILL, pr.prefill.engine(), x, PREFILL_MAX_RUNNING);
        PoolPlan decodePool = new PoolPlan(PoolPlan.DECODE, decodeEngine, y, d.maxRunning());
        int gpus = prefill.gpus() + decodePool.gpus();
        double tokensPerS = rate * osl;
        Figures f = new Figures(ttftQ, d.tpotMs(), d.itlMs(), e2eQ, ttftMean, d.itlMeanMs(), rate, tokensPerS,
                tokensPerS / gpus, 1000.0 / d.itlMeanMs());
        return new Proposal(Architecture.DISAGGREGATED, List.of(prefill, decodePool), pr.link, load, f, null, d, null,
                "");
    }
}
