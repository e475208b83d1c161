package dev.plimsoll.perfmodel.validate;

import dev.plimsoll.perfmodel.TestSpecs;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.serving.Replicas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasuredValidationTest {
    private static MeasuredValidation validation() {
        ModelResolver models = new ModelResolver(TestSpecs.REGISTRY, TestSpecs.sharedData().resolve("hf-configs"));
        DeploymentPlanner planner = new DeploymentPlanner(TestSpecs.REGISTRY, models,
                new Replicas(CostModelProvider.roofline()));
        return new MeasuredValidation(planner, 2);
    }

    @Test
    void bundledIdsAreFoundFromRepositoryNames() {
        assertEquals("llama-3.1-8b", ModelResolver.bundledId("meta-llama/Llama-3.1-8B-Instruct"));
        assertEquals("llama-3.1-70b", ModelResolver.bundledId("meta-llama/Meta-Llama-3.1-70B"));
        assertEquals("qwen3-235b-a22b", ModelResolver.bundledId("Qwen/Qwen3-235B-A22B-FP8"));
    }

    @Test
    void predictsASliceOfTheMeasuredDeploymentsWithReasonsForTheRest() {
        List<MeasuredDeployment> all = AicSiliconReader.read(TestSpecs.sharedData().resolve("e2e/h100_sxm.csv"));
        // one of every (model, backend, mode) group, plus the rows without a recorded concurrency
        List<MeasuredDeployment> slice = all.stream()
                .collect(Collectors.groupingBy(d -> d.modelPath() + d.backend() + d.mode() + (d.concurrency() == 0)))
                .values().stream().map(g -> g.get(0)).collect(Collectors.toList());
        ValidationReport r = validation().run(slice, done -> { });
        assertEquals(slice.size(), r.rows());
        assertEquals(r.rows(), r.covered() + r.uncovered().size());
        assertTrue(r.uncovered().stream().allMatch(u -> u.reason().contains("no concurrency")), r.uncovered().toString());
        for (RowPrediction p : r.predictions()) {
            assertTrue(p.predictedTtftMs() > 0 && p.predictedTpotMs() > 0, p.toString());
            // no row is off by an order of magnitude in TPOT: the simulation is the right deployment
            assertTrue(Math.abs(Math.log10(p.predictedTpotMs() / p.row().tpotMs())) < 1, p.toString());
        }
        assertEquals(ErrorSummary.of(r.predictions()).tpotMedianApe(), r.overall().tpotMedianApe());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        assertEquals(2.5, ErrorSummary.quantile(new double[] {4, 1, 3, 2}, 0.5));
        assertEquals(3.7, ErrorSummary.quantile(new double[] {1, 2, 3, 4}, 0.9), 1e-12);
        assertTrue(Double.isNaN(ErrorSummary.quantile(new double[0], 0.5)));
    }
}
