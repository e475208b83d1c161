package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.confirm.Confirmer;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, findings 2 and 5, and issue 16's exhaustive check: the winners are the best of every
 * configuration the simulator confirmed (cheapest, then fewest GPUs, then fastest per user), a
 * repaired one compared as repaired, the mixed-GPU winner on the frontier; on a small space no
 * configuration an exhaustive confirmation finds is better than the planner's or missing from it.
 */
class PlanFindingsTest {

    /**
     * Finding 2 as filed: {@code plan --model llama-3.1-70b --gpu h100-sxm --mode agg --top 10} with
     * the finding-1 load (10 req/s, ISL 2000, OSL 300, TTFT 1000 ms, ITL 40 ms).
     */
    @Test
    void theWinnerIsTheCheapestConfirmedConfigurationOfItsOwnList() {
        PlanRequest r = new PlanRequest(Plans.REGISTRY.model("llama-3.1-70b"),
                List.of(Plans.REGISTRY.gpu("h100-sxm").withPrice(3.0)),
                List.of(Plans.REGISTRY.model("llama-3.1-70b").defaultQuant()), List.of(BackendProfiles.get("vllm")),
                WorkloadSpec.fixed(2000, 300, 0), new LoadTarget.Rate(10), SlaTarget.of(1000, 40), Mode.AGG,
                SearchSpace.defaults().withTopN(10), CostModelProvider.roofline(), 0.9);
        PlanResult result = new Planner().plan(r);
        Proposal best = result.bestAggregated();
        assertNotNull(best);
        List<Proposal> listed = new ArrayList<>(result.top());
        listed.addAll(result.frontier());
        for (Proposal p : listed) {
            if (p.confirmed()) {
                assertTrue(Objective.of(r).compare(best, p) <= 0, "the winner " + best.describe() + " ("
                        + best.costPerHour() + " USD/h, " + best.note() + ") is beaten by the listed " + p.describe()
                        + " (" + p.costPerHour() + " USD/h, " + p.note() + ")");
            }
        }
        assertEquals(best, result.top().get(0), "the winner heads the top list");
    }

    @Test
    void tiesGoToFewerGpusThenToTheFasterPerUser() {
        PlanRequest r = Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(1000, 200, 0),
                new LoadTarget.Rate(10), SlaTarget.of(300, 20), Mode.BOTH);
        Comparator<Proposal> order = Objective.of(r);
        List<Proposal> all = new ArrayList<>();
        PlanResult result = new Planner().plan(r.withSpace(r.space().withSimulate(false)));
        all.addAll(result.top());
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.size(); j++) {
                Proposal a = all.get(i);
                Proposal b = all.get(j);
                if (Math.abs(a.costPerHour() - b.costPerHour()) < 1e-9 && a.gpus() < b.gpus()) {
                    assertTrue(order.compare(a, b) < 0, "equal cost: fewer GPUs first");
                }
            }
        }
    }

    /** Finding 5: prefill on one GPU type and decode on another: the cheapest such winner is on the frontier. */
    @Test
    void theMixedGpuWinnerIsOnTheFrontier() {
        PlanRequest r = new PlanRequest(Plans.REGISTRY.model("llama-3.1-8b"),
                List.of(Plans.REGISTRY.gpu("h100-sxm").withPrice(2.0), Plans.REGISTRY.gpu("h200-sxm").withPrice(3.8)),
                List.of(Plans.REGISTRY.model("llama-3.1-8b").defaultQuant()), List.of(BackendProfiles.get("vllm")),
                WorkloadSpec.fixed(3000, 200, 0), new LoadTarget.Rate(12), SlaTarget.of(400, 25), Mode.DISAGG,
                Plans.smallSpace(), CostModelProvider.roofline(), 0.9);
        PlanResult result = new Planner().plan(r);
        Proposal best = result.bestDisaggregated();
        assertNotNull(best);
        assertTrue(result.frontier().contains(best), "the winner " + best.describe() + " is on the frontier");
    }

    /**
     * On a small space every configuration the analytic model kept is confirmed (with its repairs);
     * the planner's winner of each mode is at least as good as the best of them, and a mode where
     * one is confirmed is never called infeasible.
     */
    @Test
    void anExhaustiveConfirmationFindsNothingThePlannerMissed() {
        SearchSpace tiny = Plans.smallSpace().withTensorParallel(List.of(1, 2)).withTokenBudgets(List.of(8192))
                .withFp8KvCache(false);
        PlanRequest r = Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(1500, 200, 0),
                new LoadTarget.Rate(14), SlaTarget.of(250, 15), Mode.BOTH).withSpace(tiny);
        List<BuiltEngine> engines = new ArrayList<>();
        EngineBuilder builder = new EngineBuilder(r.model(), r.costModels(), r.memoryFraction());
        for (EngineCandidate c : CandidateEnumerator.enumerate(r)) {
            BuiltEngine e = builder.build(c).engine();
            if (e != null) {
                engines.add(e);
            }
        }
        List<Proposal> all = new AnalyticSearch(r, PlanProgress.NONE).run(engines).proposals();
        Confirmer confirmer = new Confirmer(r);
        Proposal bestAgg = null;
        Proposal bestDisagg = null;
        Comparator<Proposal> order = Objective.of(r);
        for (Proposal p : all) {
            Proposal c = confirmer.confirm(p);
            if (c == null) {
                continue;
            }
            if (c.architecture() == Architecture.AGGREGATED) {
                bestAgg = bestAgg == null || order.compare(c, bestAgg) < 0 ? c : bestAgg;
            } else {
                bestDisagg = bestDisagg == null || order.compare(c, bestDisagg) < 0 ? c : bestDisagg;
            }
        }
        assertTrue(bestAgg != null || bestDisagg != null, "the case has a feasible configuration");
        PlanResult planned;
        try {
            planned = new Planner().plan(r);
        } catch (UserInputException e) {
            throw new AssertionError("the planner called a feasible question infeasible: " + e.getMessage(), e);
        }
        for (Proposal[] pair : new Proposal[][] {{bestAgg, planned.bestAggregated()},
                {bestDisagg, planned.bestDisaggregated()}}) {
            if (pair[0] != null) {
                assertNotNull(pair[1], "exhaustive search confirmed " + pair[0].describe() + "; the planner none");
                assertTrue(order.compare(pair[1], pair[0]) <= 0, "the planner's " + pair[1].describe() + " ("
                        + pair[1].costPerHour() + " USD/h) is worse than the exhaustive " + pair[0].describe() + " ("
                        + pair[0].costPerHour() + " USD/h)");
            }
        }
    }
}
