package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.Plans;
import dev.plimsoll.optimizer.confirm.ProposalSimulator;
import dev.plimsoll.optimizer.analytic.SpeculativeSteps;
import dev.plimsoll.optimizer.confirm.SimulationOutcome;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict semantics on a grid of questions: every configuration a plan proposes (winners, top list,
 * frontier) carries simulated figures within the SLA, and simulating it again gives the same
 * figures, so what the user reads is what the simulator says.
 */
class StrictSlaGridTest {

    static Stream<Arguments> grid() {
        return Stream.of(
                Arguments.of("qwen3-32b fp8 on 16 H200, long prompts, shared prefix",
                        Plans.request("qwen3-32b", "h200-sxm", "fp8", WorkloadSpec.fixed(4000, 500, 500),
                                new LoadTarget.TotalGpus(16), SlaTarget.of(300, 10), Mode.BOTH)),
                Arguments.of("llama-3.1-8b on H100 at 20 req/s",
                        Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(1000, 200, 0),
                                new LoadTarget.Rate(20), SlaTarget.of(200, 20), Mode.BOTH)),
                Arguments.of("llama-3.1-8b on H100, 64 users, aggregated",
                        Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(2000, 300, 0),
                                new LoadTarget.Concurrency(64), SlaTarget.of(500, 15), Mode.AGG)),
                Arguments.of("qwen3-30b-a3b MoE on H200 at p99",
                        Plans.request("qwen3-30b-a3b", "h200-sxm", null, WorkloadSpec.fixed(2000, 300, 0),
                                new LoadTarget.Rate(8), new SlaTarget(600, 15, Double.POSITIVE_INFINITY, 99),
                                Mode.BOTH)),
                Arguments.of("llama-3.1-8b on H100 with EAGLE speculation (3 draft tokens, 70 % accepted)",
                        Plans.request("llama-3.1-8b", "h100-sxm", null, WorkloadSpec.fixed(1000, 300, 0),
                                new LoadTarget.Rate(15), SlaTarget.of(300, 20), Mode.BOTH)
                                .withSpeculative(new SpeculativeDecoding(3, 0.7, SpeculativeSteps.draftCostRatio(
                                        Plans.REGISTRY.model("llama-3.1-8b"))))),
                Arguments.of("qwen3-32b on H100 at p50, disaggregated, trace sizes",
                        Plans.request("qwen3-32b", "h100-sxm", "fp8",
                                WorkloadSpec.fromTrace(Plans.sharedData().resolve("traces/azure_llm_2023_code.csv"), 0),
                                new LoadTarget.Rate(6), new SlaTarget(1500, 40, Double.POSITIVE_INFINITY, 50),
                                Mode.DISAGG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void everyProposedConfigurationMeetsTheSlaInSimulation(String name, PlanRequest request) {
        PlanResult result = new Planner().plan(request);
        List<Proposal> proposed = new ArrayList<>();
        if (result.bestAggregated() != null) {
            proposed.add(result.bestAggregated());
        }
        if (result.bestDisaggregated() != null) {
            proposed.add(result.bestDisaggregated());
        }
        proposed.addAll(result.top());
        proposed.addAll(result.frontier());
        assertFalse(proposed.isEmpty(), name + ": the plan proposes something");
        assertNotNull(result.best());
        SlaTarget sla = request.sla();
        ProposalSimulator simulator = new ProposalSimulator(request);
        for (Proposal p : proposed) {
            assertTrue(p.confirmed(), p.describe() + " was proposed without a simulation");
            Figures f = p.simulated();
            assertTrue(f.ttftMs() <= sla.ttftMs(), p.describe() + ": simulated TTFT " + f.ttftMs());
            assertTrue(f.itlMs() <= sla.itlMs(), p.describe() + ": simulated ITL " + f.itlMs());
            SimulationOutcome again = simulator.simulate(p);
            assertTrue(again.met(), p.describe() + " fails the SLA when simulated again: " + again);
            assertEquals(f.ttftMs(), again.figures().ttftMs(), 1e-9, "simulation is deterministic");
            assertEquals(f.itlMs(), again.figures().itlMs(), 1e-9);
        }
        if (request.mode() == Mode.AGG) {
            assertTrue(result.bestDisaggregated() == null);
        }
        if (request.mode() == Mode.DISAGG) {
            assertTrue(result.bestAggregated() == null);
        }
    }
}
