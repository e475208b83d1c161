package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet's score explained: Timefold's score analysis carries a justification per match (which
 * workload's demand is unmet by how much, what each slot costs), and the report says in words which
 * inventory binds and why a workload's demand is unmet.
 */
class FleetExplanationTest {
    private static final List<GpuStock> STOCKS = List.of(new GpuStock(Plans.REGISTRY.gpu("h100-sxm").withPrice(3.0), 4));
    private static final List<FleetWorkload> WORKLOADS = List.of(
            new FleetWorkload("chat", Plans.REGISTRY.model("llama-3.1-8b"), List.of(QuantPresets.get("bf16")),
                    BackendProfiles.get("vllm"), WorkloadSpec.fixed(1000, 200, 0), 200, SlaTarget.of(300, 15)),
            new FleetWorkload("code", Plans.REGISTRY.model("llama-3.1-8b"), List.of(QuantPresets.get("bf16")),
                    BackendProfiles.get("vllm"), WorkloadSpec.fixed(2000, 100, 0), 2, SlaTarget.of(400, 20)));

    private static FleetSolver solver() {
        return new FleetSolver(CostModelProvider.roofline(), Plans.smallSpace(), Duration.ofSeconds(1), 2000);
    }

    @Test
    void theScoreAnalysisJustifiesUnmetDemandAndCostPerWorkload() {
        FleetSolver solver = solver();
        Map<String, List<FleetOption>> menu = new LinkedHashMap<>();
        for (FleetWorkload w : WORKLOADS) {
            menu.put(w.name(), FleetOptions.of(w, STOCKS, CostModelProvider.roofline(), Plans.smallSpace()));
        }
        FleetPlan solved = solver.solve(solver.problem(WORKLOADS, STOCKS, menu));
        ScoreAnalysis<HardMediumSoftLongScore> analysis = solver.analyze(solved);
        ConstraintAnalysis<HardMediumSoftLongScore> unmet = analysis.getConstraintAnalysis(FleetConstraints.DEMAND);
        long unmetMilli = 0;
        for (var m : unmet.matches()) {
            var j = (FleetJustifications.UnmetDemand) m.justification();
            assertTrue(j.capacityMilli() < j.demandMilli(), j.toString());
            unmetMilli += j.demandMilli() - j.capacityMilli();
        }
        assertTrue(unmetMilli >= 120_000, "200 req/s of chat do not fit on 4 H100s: " + unmet.summarize());
        assertEquals(-solved.getScore().mediumScore(), unmetMilli, "the justifications account for the medium score");
        double cost = 0;
        for (var m : analysis.getConstraintAnalysis(FleetConstraints.COST).matches()) {
            cost += ((FleetJustifications.SlotCost) m.justification()).usdPerHour();
        }
        assertEquals(-solved.getScore().softScore() / 10_000.0, cost, 1e-9);
        assertEquals(0, analysis.getConstraintAnalysis(FleetConstraints.INVENTORY).matchCount());
    }

    @Test
    void theReportSaysWhichInventoryBindsAndWhyDemandIsUnmetInWords() {
        FleetResult r = solver().run(WORKLOADS, STOCKS);
        FleetResult.WorkloadAllocation chat = r.workloads().get(0);
        assertTrue(chat.unmet() > 100, "200 req/s do not fit on 4 H100s");
        assertTrue(chat.reason().startsWith("the inventory carries "), chat.reason());
        assertTrue(chat.reason().contains("every h100-sxm is in use (4 of 4: "), chat.reason());
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            assertEquals(w.unmet() == 0, w.reason().isEmpty(), w.name() + ": a reason exactly when demand is unmet");
        }
        assertTrue(r.inventoryUse().get(0).binding());
        String all = String.join("\n", r.explanation());
        assertTrue(all.contains("GPU inventory (hard): within every count; h100-sxm 4 of 4 (binds"), all);
        assertTrue(all.contains("unmet demand (medium): ") && all.contains("chat "), all);
        assertTrue(all.contains("cost (soft): 12.00 USD/h"), all);
        assertFalse(all.contains("hard/"), "no raw score string");
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            for (FleetResult.Deployed d : w.deployments()) {
                assertTrue(d.slaMet(), d.option().label() + " confirmed at its share");
                assertTrue(d.confirmedRate() <= d.analyticRate() + 1e-9);
            }
        }
    }
}
