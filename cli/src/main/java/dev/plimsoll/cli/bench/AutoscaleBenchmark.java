package dev.plimsoll.cli.bench;

import dev.plimsoll.autoscaler.policy.Decision;
import dev.plimsoll.autoscaler.policy.Load;
import dev.plimsoll.autoscaler.policy.MetricsSnapshot;
import dev.plimsoll.autoscaler.policy.PoolMetrics;
import dev.plimsoll.autoscaler.policy.ScalingPolicy;
import dev.plimsoll.autoscaler.replay.ReplayResult;
import dev.plimsoll.autoscaler.replay.ReplayRunner;
import dev.plimsoll.autoscaler.replay.ReplaySpec;
import dev.plimsoll.autoscaler.replay.TraceLoad;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.TraceTransform;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The autoscaler's speed goals on the reference case (the Azure conversation trace at ten
 * times its rate, one hour of trace, Llama-3.1-70B on H100, TTFT 1000 ms and ITL 50 ms at p90,
 * the cheapest aggregated plan for its peak): one decision of the Plimsoll policy (goal 10 ms)
 * and one whole replay under it (goal 20 s).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutoscaleBenchmark {
    @Param("../shared/data/traces/azure_llm_2023_conv.csv")
    public String trace;

    private ReplayRunner runner;
    private ScalingPolicy policy;
    private MetricsSnapshot[] snapshots;
    private int next;

    @Setup
    public void setUp() {
        Path file = Path.of(trace);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("the autoscale benchmark replays " + file.toAbsolutePath()
                    + ", which does not exist (run from the project root, beside ../shared/data)");
        }
        SpecRegistry reg = SpecRegistry.load(null);
        var model = reg.model("llama-3.1-70b");
        var gpus = List.of(reg.gpu("h100-sxm"));
        var engines = List.of(BackendProfiles.get("vllm"));
        PlanRequest plan = new PlanRequest(model, gpus, List.of(model.defaultQuant()), engines,
                WorkloadSpec.fromTrace(file, 0), new LoadTarget.Rate(1), SlaTarget.of(1000, 50), Mode.AGG,
                SearchSpace.defaults().withSimulate(false).withTopN(0),
                CalibratedCostModels.provider(Optional.empty()), 0.9);
        ReplaySpec spec = new ReplaySpec(plan, 60_000, 15_000, ReplaySpec.DEFAULT_PEAK_WINDOW_MS, Integer.MAX_VALUE,
                "holt", ReplaySpec.DEFAULT_WAITING_TARGET, ReplaySpec.DEFAULT_WAITING_TARGET,
                ReplaySpec.DEFAULT_KV_USAGE_TARGET);
        runner = new ReplayRunner(spec, TraceLoad.read(file, TraceFormat.AZURE_CSV, TraceTransform.rate(10)));
        policy = runner.newPolicy("plimsoll");
        // a day of load swinging between 30 and 90 req/s, the fleet following
        snapshots = new MetricsSnapshot[5760];
        for (int i = 0; i < snapshots.length; i++) {
            double rate = 60 + 30 * Math.sin(i / 200.0);
            int n = (int) Math.ceil(rate / 8);
            snapshots[i] = new MetricsSnapshot(i * 15_000.0, 0, new Load(rate, 1150, 210), 300 + rate, 30 + rate / 10,
                    (long) (rate * 15), List.of(new PoolMetrics("aggregated", n, n, rate * 4, i % 7, 0.05)));
        }
    }

    @Benchmark
    @BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
    public Decision decision() {
        Decision d = policy.decide(snapshots[next]);
        next = (next + 1) % snapshots.length;
        return d;
    }

    @Benchmark
    @BenchmarkMode(org.openjdk.jmh.annotations.Mode.SingleShotTime)
    public ReplayResult replayHour() {
        return runner.run("plimsoll");
    }
}
