package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, finding 5: the top list shows one row per deployment with its variants listed; the
 * frontier holds no tails no one would deploy, no mode the simulator confirmed nothing of, and
 * always the winners.
 */
class ShortlistTest {
    private static final PlanRequest RATE = Plans.request("llama-3.1-8b", "h100-sxm", null,
            WorkloadSpec.fixed(1000, 200, 0), new LoadTarget.Rate(10), SlaTarget.of(300, 20), Mode.BOTH);

    private static BuiltEngine engine(int tp, int budget, NumberFormat kv) {
        QuantScheme q = QuantPresets.get("bf16").withKvCache(kv);
        return new EngineBuilder(Plans.REGISTRY.model("llama-3.1-8b"), CostModelProvider.roofline(), 0.9)
                .build(new EngineCandidate(Plans.REGISTRY.gpu("h100-sxm").withPrice(3.0), Parallelism.tp(tp), q,
                        BackendProfiles.get("vllm"), budget, true)).engine();
    }

    /** {@code replicas} aggregated workers of {@code e}, {@code perUser} tokens/s per user, simulated when asked. */
    private static Proposal agg(BuiltEngine e, int replicas, double perUser, boolean simulated) {
        Figures f = new Figures(100, 10, 10, 5000, 80, 9, 10, 2000, 2000.0 / (replicas * e.gpus()), perUser);
        return new Proposal(Architecture.AGGREGATED, List.of(new PoolPlan(PoolPlan.AGGREGATED, e, replicas, 64)),
                null, new OfferedLoad(10, 0), f, simulated ? f : null, null, null, "");
    }

    @Test
    void variantsOfOneDeploymentCollapseIntoOneRow() {
        Shortlist s = new Shortlist(RATE);
        Proposal best = agg(engine(1, 8192, NumberFormat.FP8), 2, 100, true);
        Proposal budget = agg(engine(1, 2048, NumberFormat.FP8), 2, 99, true);
        Proposal kv = agg(engine(1, 8192, NumberFormat.BF16), 2, 98, false);
        Proposal slow = agg(engine(1, 1024, NumberFormat.FP8), 2, 70, false);
        Proposal other = agg(engine(2, 8192, NumberFormat.FP8), 1, 90, true);
        List<Proposal> top = s.top(List.of(best, budget, other), List.of(best, budget, kv, slow, other), Set.of(), 5);
        assertEquals(2, top.size(), "two deployments: 2 x tp1 and 1 x tp2");
        assertTrue(best == top.get(0), "equal cost and GPUs: the faster per user first");
        var variants = s.variants(top, List.of(best, budget, kv, slow, other));
        assertEquals(List.of("budget 2048, kv fp8", "budget 8192, kv bf16"), variants.get(best.deploymentKey()),
                "the 1024-token budget, 30 % slower per user, is not a variant of the row");
        assertFalse(variants.containsKey(other.deploymentKey()));
    }

    @Test
    void aRefusedConfigurationIsNeverListedAndAnalyticRowsComeLast() {
        Shortlist s = new Shortlist(RATE);
        Proposal confirmed = agg(engine(2, 8192, NumberFormat.FP8), 1, 120, true);
        Proposal refused = agg(engine(1, 8192, NumberFormat.FP8), 2, 100, false);
        Proposal untried = agg(engine(1, 8192, NumberFormat.FP8), 3, 130, false);
        Set<Proposal> refusedSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        refusedSet.add(refused);
        List<Proposal> top = s.top(List.of(confirmed), List.of(refused, untried, confirmed), refusedSet, 5);
        assertEquals(2, top.size());
        assertTrue(top.get(0) == confirmed && top.get(1) == untried, "confirmed first, the refused one left out");
        assertFalse(top.get(1).confirmed(), "an analytic row says so");
    }

    @Test
    void theFrontierDropsTailsAndModesWithoutAWinnerAndKeepsTheWinners() {
        Shortlist s = new Shortlist(RATE);
        Proposal winner = agg(engine(1, 8192, NumberFormat.FP8), 2, 100, true);
        Proposal faster = agg(engine(2, 8192, NumberFormat.FP8), 2, 140, true);
        Proposal tail = agg(engine(2, 8192, NumberFormat.FP8), 6, 160, false);
        List<Proposal> front = s.frontier(List.of(winner, faster), List.of(tail), winner, null, winner);
        assertTrue(front.contains(winner) && front.contains(faster));
        assertFalse(front.contains(tail), "24 GPUs for 14 % more per user than 8 is a tail: " + front);
        List<Proposal> noAgg = s.frontier(List.of(), List.of(tail), null, null, null);
        assertTrue(noAgg.isEmpty(), "no aggregated point when no aggregated configuration was confirmed");
    }
}
