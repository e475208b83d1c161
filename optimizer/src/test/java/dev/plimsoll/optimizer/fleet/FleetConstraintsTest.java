package dev.plimsoll.optimizer.fleet;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.search.BuiltEngine;
import dev.plimsoll.optimizer.search.EngineBuilder;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Each fleet constraint on its own (Timefold ConstraintVerifier). */
class FleetConstraintsTest {
    private static final ConstraintVerifier<FleetConstraints, FleetPlan> VERIFIER =
            ConstraintVerifier.build(new FleetConstraints(), FleetPlan.class, Assignment.class);

    /** Llama 3.1 8B on h100-sxm at tp{@code tp}, 2.5 req/s per replica, 3 USD per GPU-hour. */
    static FleetOption option(String workload, String gpu, int tp, double rate) {
        EngineBuilder b = new EngineBuilder(Plans.REGISTRY.model("llama-3.1-8b"), CostModelProvider.roofline(), 0.9);
        BuiltEngine e = b.build(new EngineCandidate(Plans.REGISTRY.gpu(gpu).withPrice(3.0), Parallelism.tp(tp),
                QuantPresets.get("bf16"), BackendProfiles.get("vllm"), 8192, true)).engine();
        return new FleetOption(workload, e, rate, 64);
    }

    @Test
    void inventoryPenalisesEveryGpuBeyondTheStock() {
        FleetOption tp2 = option("a", "h100-sxm", 2, 2.5);
        FleetDemand d = new FleetDemand("a", 1000);
        GpuStock h100 = new GpuStock(Plans.REGISTRY.gpu("h100-sxm"), 8);
        GpuStock h200 = new GpuStock(Plans.REGISTRY.gpu("h200-sxm"), 4);
        Assignment a = new Assignment("a#0", d, List.of(tp2), 10, tp2, 3);
        Assignment b = new Assignment("a#1", d, List.of(tp2), 10, tp2, 2);
        // 5 replicas x 2 GPUs = 10 h100 GPUs of 8: 2 too many; nothing on h200
        VERIFIER.verifyThat(FleetConstraints::inventory).given(h100, h200, a, b).penalizesBy(2);
        VERIFIER.verifyThat(FleetConstraints::inventory).given(h100, new Assignment("a#0", d, List.of(tp2), 10, tp2, 4))
                .penalizesBy(0);
    }

    @Test
    void unmetDemandCountsMilliRequestsPerSecondLeftOver() {
        FleetOption o = option("a", "h100-sxm", 1, 2.5);
        FleetDemand d = new FleetDemand("a", 10_000);
        FleetDemand other = new FleetDemand("b", 1_000);
        FleetOption ob = option("b", "h100-sxm", 1, 2.5);
        // a: 3 replicas carry 7.5 req/s of 10: 2,500 milli-req/s unmet; b: 1 replica covers its 1 req/s
        VERIFIER.verifyThat(FleetConstraints::unmetDemand)
                .given(d, other, new Assignment("a#0", d, List.of(o), 8, o, 3),
                        new Assignment("b#0", other, List.of(ob), 8, ob, 1))
                .penalizesBy(2_500);
        VERIFIER.verifyThat(FleetConstraints::unmetDemand)
                .given(d, new Assignment("a#0", d, List.of(o), 8, o, 2), new Assignment("a#1", d, List.of(o), 8, o, 2))
                .penalizesBy(0);
    }

    @Test
    void costIsGpuHoursAtTheirPrice() {
        FleetOption tp2 = option("a", "h100-sxm", 2, 2.5);
        FleetDemand d = new FleetDemand("a", 1000);
        // 3 replicas x 2 GPUs x 3.00 USD = 18 USD/h = 180,000 units of 1/10,000 USD
        VERIFIER.verifyThat(FleetConstraints::cost).given(new Assignment("a#0", d, List.of(tp2), 8, tp2, 3))
                .penalizesBy(180_000);
        VERIFIER.verifyThat(FleetConstraints::cost).given(new Assignment("a#0", d, List.of(tp2), 8, tp2, 0))
                .penalizesBy(0);
    }
}
