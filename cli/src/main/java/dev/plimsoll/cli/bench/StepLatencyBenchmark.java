package dev.plimsoll.cli.bench;

import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.StepLatencyModel;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/**
 * Step-latency evaluations per second on one thread: the inner loop of the simulator and the
 * configuration search. Each call prices a different decode or mixed step so no result is reused.
 */
@State(Scope.Thread)
public class StepLatencyBenchmark {
    @Param({"qwen3-32b:h100-sxm:2:fp8", "deepseek-v3:h200-sxm:8:fp8-block", "llama-3.1-8b:h100-sxm:1:bf16"})
    public String config;

    /** calibrated: measured kernel tables (the default); roofline: the analytic model alone. */
    @Param({"calibrated", "roofline"})
    public String costModel;

    private StepLatencyModel model;
    private int i;

    @Setup
    public void setUp() {
        String[] c = config.split(":");
        SpecRegistry reg = SpecRegistry.load(null);
        ModelSpec m = reg.model(c[0]);
        GpuSpec g = reg.gpu(c[1]);
        Parallelism p = Parallelism.tp(Integer.parseInt(c[2]));
        BackendProfile backend = BackendProfiles.get("vllm");
        OperatorGraph graph = new OperatorGraph(m, g, p, QuantResolver.resolve(QuantPresets.get(c[3]), g));
        model = new StepLatencyModel(graph, costModels().forGpu(g, backend), backend, true);
    }

    private CostModelProvider costModels() {
        return "roofline".equals(costModel) ? CostModelProvider.roofline()
                : CalibratedCostModels.provider(Optional.empty());
    }

    @Benchmark
    public double decodeStep() {
        int k = i++;
        return model.stepMs(StepBatch.decode(1 + (k & 255), 512 + (k & 4095)));
    }

    @Benchmark
    public double mixedStep() {
        int k = i++;
        return model.stepMs(new StepBatch(1, 256 + (k & 1023), 0, 1 + (k & 127), 1024 + (k & 2047)));
    }
}
