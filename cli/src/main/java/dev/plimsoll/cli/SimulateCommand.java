package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.SimulateJson;
import dev.plimsoll.cli.output.SimulateTable;
import dev.plimsoll.cli.simulate.DeploymentOptions;
import dev.plimsoll.cli.simulate.DeploymentPlan;
import dev.plimsoll.cli.simulate.EngineOptions;
import dev.plimsoll.cli.simulate.KvTierOptions;
import dev.plimsoll.cli.simulate.ProgressReporter;
import dev.plimsoll.cli.simulate.RunOptions;
import dev.plimsoll.cli.simulate.RunWarnings;
import dev.plimsoll.cli.simulate.Saturation;
import dev.plimsoll.cli.simulate.SimulationReport;
import dev.plimsoll.cli.simulate.SlaVerdict;
import dev.plimsoll.cli.simulate.TimeSeriesFile;
import dev.plimsoll.cli.simulate.WorkloadOptions;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.sim.Simulation;
import dev.plimsoll.perfmodel.sim.SimulationConfig;
import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.SlaSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code plimsoll simulate}: a fleet under load, through the serving-engine simulator. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Simulates a serving fleet under load and reports latency percentiles, throughput and goodput.",
        customSynopsis = {
                "plimsoll simulate --model M --gpu G [fleet] [engine] [targets] [output]",
                "                         (--concurrency C | --rate R | --trace FILE) [workload]"},
        description = {
                "Simulates a serving fleet under load: continuous batching, chunked prefill, KV blocks, "
                        + "preemption, prefix caching, routing, and with --mode disagg the KV transfer between "
                        + "prefill and decode pools. Reports TTFT, ITL, TPOT and end-to-end latency (mean, p50, "
                        + "p90, p99), throughput, goodput and SLA attainment, GPU busy share, KV usage and queue "
                        + "length per pool.",
                "",
                "The workload is one of --concurrency C (closed loop), --rate R (open loop) or --trace FILE.",
                "Exit codes: 0 ran, 2 bad input, 1 internal error, 3 ran but missed the SLA (with --fail-on-miss)."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOptions model;

    @picocli.CommandLine.Mixin
    GpuOptions gpu;

    @picocli.CommandLine.Mixin
    SpecOptions specs;

    @picocli.CommandLine.Mixin
    CostOptions costs;

    // validate = false: the groups only give the help its headings; SimulateCommand checks combinations itself
    @ArgGroup(validate = false, heading = "%nFleet:%n", order = 10)
    DeploymentOptions deployment = new DeploymentOptions();

    @ArgGroup(validate = false, heading = "%nEngine (every replica):%n", order = 20)
    EngineOptions engine = new EngineOptions();

    @ArgGroup(validate = false, heading = "%nKV tiers below GPU memory (Dynamo KVBM, SGLang HiCache, LMCache):%n", order = 25)
    KvTierOptions kvTiers = new KvTierOptions();

    @ArgGroup(validate = false, heading = "%nWorkload (one of --concurrency, --rate, --trace, --sessions):%n", order = 30)
    WorkloadOptions workload = new WorkloadOptions();

    @ArgGroup(validate = false, heading = "%nLatency targets (goodput, attainment, verdict):%n", order = 40)
    SlaOptions sla = new SlaOptions();

    @ArgGroup(validate = false, heading = "%nExit status:%n", order = 45)
    MissOptions miss = new MissOptions();

    @ArgGroup(validate = false, heading = "%nRun and output:%n", order = 50)
    RunOptions run = new RunOptions();

    @ArgGroup(validate = false, heading = "%nOutput:%n", order = 55)
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        deployment.validate();
        engine.validate();
        kvTiers.validate();
        workload.validate();
        SlaTarget targets = sla.optional();
        run.validate();
        sla.warnOldNames(spec.commandLine().getErr());
        for (String d : engine.deprecations()) {
            spec.commandLine().getErr().println("plimsoll: warning: " + d);
        }
        SpecRegistry registry = specs.registry();
        ModelSpec modelSpec = model.resolve(registry);
        DeploymentPlan gpuOnlyPlan = deployment.plan(registry, modelSpec, gpu.one(registry, "simulate"), engine,
                new Replicas(costs.provider()));
        DeploymentPlan plan = kvTiers.apply(gpuOnlyPlan);
        // open loops keep their request records to see whether the queue kept growing
        boolean openLoop = workload.kind() != WorkloadOptions.Kind.CLOSED_LOOP;
        // goodput counts the per-request bounds, as vLLM bench --goodput does (ttft, tpot, e2el): an ITL
        // bound is one sample per token, which the verdict holds at its percentile, not per request
        SlaSpec slaSpec = targets == null ? SlaSpec.NONE
                : new SlaSpec(targets.ttftMs(), targets.tpotMs(), targets.e2eMs());
        SimulationConfig config = new SimulationConfig(plan.deployment(), workload.build(run.seed()), slaSpec,
                run.simulation(openLoop || targets != null));
        SimulationResult result;
        try (ProgressReporter progress = ProgressReporter.forConsole()) {
            progress.expect(config.workload());
            result = Simulation.run(config, progress);
            progress.finished(result.finishedRequests() + result.rejectedRequests());
        }
        SimulationResult gpuOnly = null;
        if (kvTiers.baseline()) {
            gpuOnly = Simulation.run(new SimulationConfig(gpuOnlyPlan.deployment(), config.workload(), slaSpec,
                    config.options()));
        }
        if (run.timeSeries() != null) {
            TimeSeriesFile.write(run.timeSeries(), result.timeSeries());
        }
        SlaVerdict verdict = targets == null ? null : SlaVerdict.of(result, targets);
        Saturation saturation = openLoop ? Saturation.of(result) : null;
        List<String> warnings = RunWarnings.of(result, plan, saturation);
        SimulationReport report = new SimulationReport(inputs(), modelSpec.id(), plan, result, verdict, saturation,
                warnings, run.timeSeries(), gpuOnly);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(SimulateJson.of(report)));
        } else {
            out.print(SimulateTable.render(report));
        }
        out.flush();
        return miss.exitCode(verdict == null || verdict.met());
    }

    /** The options as given, with the defaults they resolved to, for the JSON echo. */
    private Map<String, Object> inputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.given());
        m.put("gpu", gpu.given());
        m.putAll(deployment.echo());
        m.putAll(engine.echo());
        m.putAll(kvTiers.echo());
        m.put("workload", workload.echo());
        m.put("sla", sla.echo());
        m.put("seed", run.seed());
        m.put("sample_interval_s", run.sampleIntervalS());
        m.put("time_limit_s", run.timeLimitS());
        return m;
    }
}
