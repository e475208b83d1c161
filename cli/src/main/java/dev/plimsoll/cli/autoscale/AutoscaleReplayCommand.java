package dev.plimsoll.cli.autoscale;

import dev.plimsoll.autoscaler.replay.ReplayPlot;
import dev.plimsoll.autoscaler.replay.ReplayReport;
import dev.plimsoll.autoscaler.replay.ReplayResult;
import dev.plimsoll.autoscaler.replay.ReplayRunner;
import dev.plimsoll.autoscaler.replay.ReplaySpec;
import dev.plimsoll.autoscaler.replay.TraceLoad;
import dev.plimsoll.cli.SlaOptions;
import dev.plimsoll.cli.CostOptions;
import dev.plimsoll.cli.ExitCodes;
import dev.plimsoll.cli.OutputFormat;
import dev.plimsoll.cli.SpecOptions;
import dev.plimsoll.cli.output.Json;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.workload.TraceFormat;
import dev.plimsoll.perfmodel.workload.TraceTransform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code plimsoll autoscale replay}: policies against the simulator in virtual time. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Replays a request trace through the simulator under scaling policies and compares them.",
        description = {
                "Replays a request trace through the serving simulator while a scaling policy resizes the worker",
                "pools in virtual time: new workers serve after --startup-s, removed ones drain. The policy reads what",
                "the simulated engines export (vLLM's counters, gauges and latency histograms). The deployment is",
                "the cheapest plan of --mode for the trace's busiest minute unless --tp/--pp/--dp narrow it.",
                "Reports SLA attainment, GPU-hours, scaling actions, TTFT and ITL at the percentile; --save-dir",
                "writes per-interval CSV, a PNG plot and the JSON per policy."})
public final class AutoscaleReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "F",
            description = "Request trace: Azure CSV (TIMESTAMP,ContextTokens,GeneratedTokens) or Mooncake JSONL.")
    Path trace;

    @Option(names = "--trace-format", paramLabel = "F", description = "azure or mooncake (default: from the file name).")
    String traceFormat;

    @Option(names = "--trace-start", paramLabel = "S", description = "Skip the trace's first S seconds.")
    Double traceStartS;

    @Option(names = "--duration", paramLabel = "S", description = "Replay S seconds of the trace (trace time).")
    Double durationS;

    @Option(names = "--time-scale", paramLabel = "K", description = "Stretch time by K (2 = half the request rate).")
    Double timeScale;

    @Option(names = "--rate-scale", paramLabel = "K", description = "Multiply the request rate by K.")
    Double rateScale;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id or Hugging Face config.json.")
    String model;

    @Option(names = "--gpu", required = true, paramLabel = "G", description = "GPU type.")
    String gpu;

    @Option(names = "--quant", split = ",", paramLabel = "Q", description = "Weight quantisations to choose from.")
    List<String> quants;

    @Option(names = "--backend", defaultValue = "vllm", paramLabel = "B", description = "vllm, sglang or trtllm (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--mode", defaultValue = "agg", paramLabel = "MODE", description = "agg or disagg (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--tp", split = ",", paramLabel = "N", description = "Tensor-parallel sizes the plan may use (default: any).")
    List<Integer> tp;

    @Option(names = "--pp", split = ",", paramLabel = "N", description = "Pipeline-parallel sizes the plan may use (default: any).")
    List<Integer> pp;

    @Mixin
    SlaOptions slaOptions;

    @Option(names = "--policy", defaultValue = "plimsoll", split = ",", paramLabel = "P[,P2...]",
            description = "plimsoll, dynamo, hpa, keda, static-peak, oracle, or all (default ${DEFAULT-VALUE}).")
    List<String> policies;

    @Option(names = "--startup-s", defaultValue = "60", paramLabel = "S",
            description = "Seconds from a scale-up to the new worker serving (default ${DEFAULT-VALUE}).")
    double startupS;

    @Option(names = "--interval-s", defaultValue = "15", paramLabel = "S",
            description = "Control interval: the policies' fast loop and the metrics window (default ${DEFAULT-VALUE}).")
    double intervalS;

    @Option(names = "--gpu-budget", paramLabel = "N", description = "Most GPUs the deployment may hold (default: none).")
    Integer gpuBudget;

    @Option(names = "--forecaster", defaultValue = "holt", paramLabel = "F",
            description = "Plimsoll's forecaster: last, holt, holt-winters[:SEASON], kalman (default ${DEFAULT-VALUE}).")
    String forecaster;

    @Option(names = "--hpa-target-waiting", defaultValue = "5", paramLabel = "N",
            description = "HPA baseline: waiting requests per pod target (default ${DEFAULT-VALUE}).")
    double hpaTarget;

    @Option(names = "--keda-waiting", defaultValue = "5", paramLabel = "N",
            description = "KEDA baseline: waiting requests per replica threshold (default ${DEFAULT-VALUE}).")
    double kedaWaiting;

    @Option(names = "--keda-kv-usage", defaultValue = "0.8", paramLabel = "F",
            description = "KEDA baseline: KV usage threshold, 0..1 (default ${DEFAULT-VALUE}).")
    double kedaKv;

    @Option(names = "--memory-fraction", defaultValue = "0.9", paramLabel = "F",
            description = "Share of GPU memory an engine may use (default ${DEFAULT-VALUE}).")
    double memoryFraction;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--save-dir", paramLabel = "DIR",
            description = "Write <policy>.json, <policy>-intervals.csv and <policy>.png per policy to DIR.")
    Path saveDir;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Override
    public Integer call() {
        List<String> chosen = chosenPolicies();
        ReplaySpec replay = replaySpec();
        TraceLoad load = TraceLoad.read(trace, format(), transform());
        ReplayRunner runner = new ReplayRunner(replay, load);
        PrintWriter out = spec.commandLine().getOut();
        List<ReplayResult> results = new ArrayList<>();
        for (String policy : chosen) {
            if (output == OutputFormat.TABLE && System.console() != null) {
                System.err.println("replaying " + load.size() + " requests under " + policy + "...");
            }
            ReplayResult r = runner.run(policy);
            results.add(r);
            if (saveDir != null) {
                save(r, replay.plan().sla());
            }
        }
        if (output == OutputFormat.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("trace", load.description());
            doc.put("requests", load.size());
            doc.put("deployment", runner.proposal().describe());
            doc.put("peak_rate_per_s", Json.round(runner.peak().requestsPerS(), 2));
            doc.put("sla", replay.plan().sla().describe());
            List<Object> list = new ArrayList<>();
            for (ReplayResult r : results) {
                list.add(ReplayReport.json(r));
            }
            doc.put("policies", list);
            out.println(Json.write(results.size() == 1 ? merge(doc, ReplayReport.json(results.get(0))) : doc));
        } else {
            out.printf(Locale.ROOT, "%s: %d requests, peak %.1f req/s; deployment %s; %s; start-up %.0f s, interval %.0f s%n",
                    load.description(), load.size(), runner.peak().requestsPerS(), runner.proposal().describe(),
                    replay.plan().sla().describe(), startupS, intervalS);
            out.println();
            out.print(ReplayReport.table(results));
            if (saveDir != null) {
                out.println();
                out.println("saved CSV, JSON and PNG per policy to " + saveDir);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> merge(Map<String, Object> head, Map<String, Object> one) {
        Map<String, Object> m = new LinkedHashMap<>(head);
        m.remove("policies");
        m.putAll(one);
        return m;
    }

    private void save(ReplayResult r, SlaTarget sla) {
        try {
            Files.createDirectories(saveDir);
            Files.writeString(saveDir.resolve(r.policy() + ".json"), Json.write(ReplayReport.json(r)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + saveDir + ": " + e.getMessage(), e);
        }
        ReplayReport.writeCsv(r, saveDir.resolve(r.policy() + "-intervals.csv"));
        ReplayPlot.write(r, sla.ttftMs(), sla.itlMs(), saveDir.resolve(r.policy() + ".png"));
    }

    private List<String> chosenPolicies() {
        List<String> out = new ArrayList<>();
        for (String p : policies) {
            String name = p.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                out.addAll(ReplayRunner.POLICIES);
            } else if (ReplayRunner.POLICIES.contains(name)) {
                out.add(name);
            } else {
                throw new UserInputException("--policy " + p + ": unknown; expected one of "
                        + String.join(", ", ReplayRunner.POLICIES) + " or all");
            }
        }
        return out;
    }

    TraceFormat format() {
        if (traceFormat == null) {
            return TraceFormat.detect(trace);
        }
        switch (traceFormat.toLowerCase(Locale.ROOT)) {
            case "azure":
                return TraceFormat.AZURE_CSV;
            case "mooncake":
                return TraceFormat.MOONCAKE_JSONL;
            default:
                throw new UserInputException("--trace-format " + traceFormat + ": expected azure or mooncake");
        }
    }

    private TraceTransform transform() {
        if (timeScale != null && rateScale != null) {
            throw new UserInputException("give --time-scale or --rate-scale, not both");
        }
        TraceTransform t = rateScale != null ? TraceTransform.rate(rateScale)
                : timeScale != null ? TraceTransform.timeScale(timeScale) : TraceTransform.NONE;
        if (traceStartS != null || durationS != null) {
            double from = traceStartS == null ? 0 : traceStartS * 1000;
            double length = durationS == null ? Double.POSITIVE_INFINITY : durationS * 1000;
            t = t.window(from, length);
        }
        return t;
    }

    ReplaySpec replaySpec() {
        ModelSpec m = specs.registry().model(model);
        List<GpuSpec> gpus = List.of(specs.registry().gpu(gpu.trim()));
        List<QuantScheme> schemes = new ArrayList<>();
        if (quants == null || quants.isEmpty()) {
            schemes.add(m.defaultQuant());
        } else {
            for (String q : quants) {
                schemes.add(QuantPresets.get(q).withKvCache(m.defaultQuant().kvCache()));
            }
        }
        List<BackendProfile> engines = List.of(BackendProfiles.get(backend));
        Mode planMode = Mode.of(mode);
        if (planMode == Mode.BOTH) {
            throw new UserInputException("--mode must be agg or disagg for a replay, got " + mode);
        }
        SlaTarget sla = slaOptions.required();
        slaOptions.warnOldNames(spec.commandLine().getErr());
        SearchSpace space = SearchSpace.defaults().withSimulate(false).withTopN(0);
        if (tp != null && !tp.isEmpty()) {
            space = space.withTensorParallel(tp);
        }
        if (pp != null && !pp.isEmpty()) {
            space = space.withPipelineParallel(pp);
        }
        WorkloadSpec w = WorkloadSpec.fromTrace(trace, 0);
        PlanRequest plan = new PlanRequest(m, gpus, schemes, engines, w, new LoadTarget.Rate(1.0), sla, planMode, space,
                costs.preparedFor(m, gpus, engines), memoryFraction);
        return new ReplaySpec(plan, startupS * 1000, intervalS * 1000, ReplaySpec.DEFAULT_PEAK_WINDOW_MS,
                gpuBudget == null ? Integer.MAX_VALUE : gpuBudget, forecaster, hpaTarget, kedaWaiting, kedaKv);
    }
}
