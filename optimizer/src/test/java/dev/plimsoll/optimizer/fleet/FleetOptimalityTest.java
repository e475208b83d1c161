package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On small instances an exhaustive search over every slot's option and replica count finds the
 * optimum; Timefold's allocation must have the same hard and medium score and cost within 2 % of it.
 */
class FleetOptimalityTest {

    @ParameterizedTest(name = "h100 x{0}, h200 x{1}, 8B at {2} req/s, 32B at {3} req/s")
    @CsvSource({"16, 16, 30, 6", "4, 2, 60, 10", "8, 8, 12, 2"})
    void timefoldIsWithinTwoPercentOfTheExhaustiveOptimum(int h100, int h200, double smallRate, double bigRate) {
        List<GpuStock> stocks = List.of(new GpuStock(Plans.REGISTRY.gpu("h100-sxm").withPrice(3.0), h100),
                new GpuStock(Plans.REGISTRY.gpu("h200-sxm").withPrice(3.8), h200));
        List<FleetWorkload> workloads = List.of(
                new FleetWorkload("small", Plans.REGISTRY.model("llama-3.1-8b"), List.of(QuantPresets.get("bf16")),
                        BackendProfiles.get("vllm"), WorkloadSpec.fixed(1000, 200, 0), smallRate, SlaTarget.of(300, 15)),
                new FleetWorkload("big", Plans.REGISTRY.model("qwen3-32b"), List.of(QuantPresets.get("fp8")),
                        BackendProfiles.get("vllm"), WorkloadSpec.fixed(2000, 300, 0), bigRate, SlaTarget.of(500, 25)));
        FleetSolver solver = new FleetSolver(CostModelProvider.roofline(), Plans.smallSpace(), Duration.ofSeconds(10),
                500);
        Map<String, List<FleetOption>> menu = new LinkedHashMap<>();
        for (FleetWorkload w : workloads) {
            menu.put(w.name(), FleetOptions.of(w, stocks, CostModelProvider.roofline(), Plans.smallSpace()));
        }
        FleetPlan problem = solver.problem(workloads, stocks, menu);
        HardMediumSoftLongScore optimum = Exhaustive.best(problem);
        HardMediumSoftLongScore found = solver.solve(solver.problem(workloads, stocks, menu)).getScore();
        assertEquals(optimum.hardScore(), found.hardScore(), "inventory respected as well as possible");
        assertEquals(optimum.mediumScore(), found.mediumScore(), "as much demand served as possible");
        double gap = (double) (optimum.softScore() - found.softScore()) / -optimum.softScore();
        assertTrue(gap <= 0.02, "cost " + (-found.softScore()) + " vs optimum " + (-optimum.softScore()));
    }

    /** Every combination of the slots' choices (option and replica count), scored as {@link FleetConstraints} scores. */
    static final class Exhaustive {
        private Exhaustive() {
        }

        static HardMediumSoftLongScore best(FleetPlan p) {
            List<Assignment> slots = p.getAssignments();
            HardMediumSoftLongScore[] best = {null};
            search(p, slots, 0, best);
            return best[0];
        }

        private static void search(FleetPlan p, List<Assignment> slots, int i, HardMediumSoftLongScore[] best) {
            if (i == slots.size()) {
                HardMediumSoftLongScore s = score(p);
                if (best[0] == null || s.compareTo(best[0]) > 0) {
                    best[0] = s;
                }
                return;
            }
            Assignment a = slots.get(i);
            for (FleetChoice c : a.getChoices()) {
                a.setChoice(c);
                search(p, slots, i + 1, best);
            }
        }

        static HardMediumSoftLongScore score(FleetPlan p) {
            long hard = 0;
            for (GpuStock s : p.getStocks()) {
                long used = 0;
                for (Assignment a : p.getAssignments()) {
                    if (a.gpuType().equals(s.type())) {
                        used += a.gpus();
                    }
                }
                hard -= Math.max(0, used - s.count());
            }
            long medium = 0;
            for (FleetDemand d : p.getDemands()) {
                long cap = 0;
                for (Assignment a : p.getAssignments()) {
                    if (a.getDemand().workload().equals(d.workload())) {
                        cap += a.milliCapacity();
                    }
                }
                medium -= Math.max(0, d.milliRate() - cap);
            }
            long soft = 0;
            for (Assignment a : p.getAssignments()) {
                soft -= a.costUnits();
            }
            return HardMediumSoftLongScore.of(hard, medium, soft);
        }
    }
}
