package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.artifacts.ArtifactOptions;
import dev.plimsoll.optimizer.artifacts.DynamoGraph;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: the router is a searched dimension where the requests share prefixes in groups; the plan
 * keeps the router it confirmed best behind and its Dynamo graph configures it.
 */
class RouterSearchTest {
    @Test
    void aSinglePrefixIsConfirmedBehindRoundRobinOnly() {
        // the README's reference question: one system prompt, cached by every worker alike
        assertEquals(List.of(Routing.ROUND_ROBIN), Routing.searched(WorkloadSpec.fixed(4000, 500, 500), null));
        List<Routing> grouped = Routing.searched(WorkloadSpec.fixed(4000, 500, 500).withPrefixGroups(16), null);
        assertEquals(List.of(Routing.ROUND_ROBIN, Routing.kv(1.0), Routing.kv(4.0)), grouped);
        assertEquals(List.of(Routing.ROUND_ROBIN, Routing.kv(2.0)),
                Routing.searched(WorkloadSpec.fixed(4000, 500, 500).withPrefixGroups(16), 2.0));
        assertEquals("0.25", Routing.kv(0.25).weightText(), "the weight reaches Dynamo's flag as given");
    }

    @Test
    void groupsAreCreditedOnlyForRepeatsWithinAConfirmingRun() {
        double one = WorkloadSpec.fixed(6500, 150, 6000).meanCachedTokens();
        double sixteen = WorkloadSpec.fixed(6500, 150, 6000).withPrefixGroups(16).meanCachedTokens();
        double thousand = WorkloadSpec.fixed(6500, 150, 6000).withPrefixGroups(1000).meanCachedTokens();
        assertTrue(one > sixteen && sixteen > 0.9 * one, one + " > " + sixteen);
        assertTrue(thousand < 0.2 * one, "1000 groups in 300 requests mostly miss: " + thousand);
    }

    /**
     * Sixteen 6000-token system prompts at 24 req/s on Llama-3.1-8B: behind round robin every
     * replica must miss each prompt once before it hits, so a tenth of the requests pay a whole
     * prefill and TTFT p90 misses 120 ms; Dynamo's KV router sends each group where it is cached.
     */
    @Test
    void theKvRouterIsChosenWhereItHoldsTheSlaAndTheArtifactsConfigureIt() {
        WorkloadSpec w = WorkloadSpec.fixed(6500, 150, 6000).withPrefixGroups(16);
        PlanRequest base = Plans.request("llama-3.1-8b", "h100-sxm", null, w, new LoadTarget.Rate(24),
                SlaTarget.of(120, 30), Mode.AGG);
        PlanRequest searched = base.withSpace(base.space().withTensorParallel(List.of(1, 2))
                .withTokenBudgets(List.of(8192)).withFp8KvCache(false).withTopN(0).withMaxFrontierPoints(1)
                .withConfirmation(base.space().confirmation().withRouters(Routing.searched(w, 4.0))));
        Proposal best = new Planner().plan(searched).bestAggregated();
        assertNotNull(best);
        assertTrue(best.routing().kvAware(), best.describe() + " behind " + best.routing().label());
        assertTrue(best.note().contains("routers: round-robin TTFT p90 <= ")
                && best.note().contains("kv-aware, overlap weight 4.0 TTFT p90 <= "), best.note());
        String yaml = DynamoGraph.yaml(best, ArtifactOptions.of(Plans.REGISTRY.model("llama-3.1-8b"), null, null));
        assertTrue(yaml.contains("--router-mode") && yaml.contains("- kv") && yaml.contains("--kv-overlap-score-weight"),
                yaml);
    }
}
