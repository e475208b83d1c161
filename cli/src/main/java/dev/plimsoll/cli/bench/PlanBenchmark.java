package dev.plimsoll.cli.bench;

import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The search loop on the README's reference question (Qwen3-32B FP8 on 32 H200, ISL 4000, OSL 500,
 * prefix 500, TTFT 300 ms, ITL 10 ms at p90): the analytic pass alone, and the whole plan with the
 * simulator confirming winners, top list and frontier. The planner runs on one fork-join thread
 * per core, so a measurement uses both cores of the target machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanBenchmark {
    private PlanRequest analytic;
    private PlanRequest full;

    /** The reference question of the README's "plimsoll plan" section. */
    public static PlanRequest reference(SpecRegistry reg, boolean simulate) {
        return new PlanRequest(reg.model("qwen3-32b"), List.of(reg.gpu("h200-sxm")), List.of(QuantPresets.get("fp8")),
                List.of(BackendProfiles.get("vllm")), WorkloadSpec.fixed(4000, 500, 500), new LoadTarget.TotalGpus(32),
                SlaTarget.of(300, 10), Mode.BOTH, SearchSpace.defaults().withSimulate(simulate),
                CostModelProvider.roofline(), 0.9);
    }

    @Setup
    public void setUp() {
        SpecRegistry reg = SpecRegistry.load(null);
        analytic = reference(reg, false);
        full = reference(reg, true);
    }

    @Benchmark
    public PlanResult analyticSearch() {
        return new Planner().plan(analytic);
    }

    @Benchmark
    public PlanResult planWithSimulation() {
        return new Planner().plan(full);
    }
}
