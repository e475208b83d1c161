package dev.plimsoll.optimizer.confirm;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inside the planner's pool a confirmation runs the next seed ahead of need and its routers side
 * by side; outside it runs one after the other. The verdicts, figures, notes and the count of runs
 * must not depend on which.
 */
class ConfirmationOrderTest {
    private static List<Proposal> analyticTop(PlanRequest r) {
        PlanRequest analytic = r.withSpace(r.space().withSimulate(false));
        return new Planner().plan(analytic).top();
    }

    private static void sameEitherWay(PlanRequest r, int proposals) {
        List<Proposal> top = analyticTop(r);
        Confirmer alone = new Confirmer(r);
        Confirmer pooled = new Confirmer(r);
        ForkJoinPool pool = new ForkJoinPool(2);
        int beyondFirstRuns = 0;
        try {
            for (Proposal p : top.subList(0, Math.min(proposals, top.size()))) {
                int before = alone.simulations();
                Proposal a = alone.confirm(p);
                int runs = alone.simulations() - before;
                Proposal b = pool.submit(() -> pooled.confirm(p)).join();
                assertEquals(alone.simulations(), pooled.simulations(), p.describe() + ": runs counted");
                assertEquals(a == null, b == null, p.describe());
                if (a != null) {
                    assertEquals(a.describe(), b.describe());
                    assertEquals(a.simulated(), b.simulated(), p.describe());
                    assertEquals(a.confidence(), b.confidence(), p.describe());
                    assertEquals(a.note(), b.note(), p.describe());
                    assertEquals(a.routing(), b.routing(), p.describe());
                }
                beyondFirstRuns += runs > r.space().confirmation().minRuns()
                        * r.space().confirmation().routers().size() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(beyondFirstRuns > 0, "some confirmation needed runs beyond the first ones (ran ahead)");
    }

    @Test
    void runsAheadDoNotChangeTheVerdict() {
        // the README's reference question on 16 GPUs: candidates near the bound take 3 to 5 runs
        sameEitherWay(Plans.request("qwen3-32b", "h200-sxm", "fp8", WorkloadSpec.fixed(4000, 500, 500),
                new LoadTarget.TotalGpus(16), SlaTarget.of(300, 10), Mode.BOTH), 4);
    }

    @Test
    void routersSideBySideDoNotChangeTheChoice() {
        WorkloadSpec w = WorkloadSpec.fixed(6500, 150, 6000).withPrefixGroups(16);
        PlanRequest base = Plans.request("llama-3.1-8b", "h100-sxm", null, w, new LoadTarget.Rate(24),
                SlaTarget.of(120, 30), Mode.AGG);
        PlanRequest r = base.withSpace(base.space().withTensorParallel(List.of(1, 2)).withTokenBudgets(List.of(8192))
                .withFp8KvCache(false)
                .withConfirmation(base.space().confirmation().withRouters(Routing.searched(w, null))));
        sameEitherWay(r, 3);
    }
}
