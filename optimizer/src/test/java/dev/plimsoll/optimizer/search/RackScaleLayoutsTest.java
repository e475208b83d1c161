package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RackScaleLayoutsTest {

    private static List<Parallelism> layouts(String model, String gpu) {
        return CandidateEnumerator.layouts(Plans.REGISTRY.model(model), Plans.REGISTRY.gpu(gpu), SearchSpace.defaults(),
                SearchSpace.defaults().maxGpusPerReplica());
    }

    @Test
    void anNvl72RackOffersWideExpertLayoutsUpToTheWholeDomain() {
        List<Parallelism> gb200 = layouts("deepseek-r1", "gb200");
        for (int w : new int[] {16, 32, 64, 72}) {
            assertTrue(gb200.contains(new Parallelism(1, 1, w, w)), "DEP" + w + " missing from " + gb200);
        }
    }

    @Test
    void eightGpuNodesKeepTheirLayoutsInsideTheNode() {
        assertTrue(layouts("deepseek-r1", "h200-sxm").stream().allMatch(p -> p.tp() * p.dp() <= 8));
    }

    @Test
    void denseModelsGetNoExpertLayouts() {
        assertFalse(layouts("llama-3.1-70b", "gb200").stream().anyMatch(p -> p.ep() > 1 || p.dp() > 1));
    }
}
