package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.PlanTable;
import dev.plimsoll.cli.output.Wrap;
import dev.plimsoll.optimizer.artifacts.ArtifactOptions;
import dev.plimsoll.optimizer.artifacts.ArtifactWriter;
import dev.plimsoll.optimizer.analytic.SpeculativeSteps;
import dev.plimsoll.optimizer.artifacts.PlanJson;
import dev.plimsoll.optimizer.offload.HostOffloadAdvisor;
import dev.plimsoll.optimizer.search.ConfirmationSettings;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanChoices;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.SlaUnmetException;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code plimsoll plan}: the cheapest deployments that meet an SLA at a load, confirmed by simulation. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Finds the cheapest deployments that meet TTFT and TPOT / ITL targets at a load, with launch files.",
        description = {
                "Searches GPU types, TP/PP/EP/attention-DP layouts, quantisation, KV-cache dtype, token budget and",
                "batch, aggregated and disaggregated (xPyD, prefill and decode on different GPUs), for the",
                "deployments that meet TTFT and TPOT / ITL targets at a percentile for a load at the lowest cost.",
                "An analytic model prunes; the simulator confirms the winners and the Pareto frontier, and only",
                "confirmed configurations are proposed.",
                "Exit codes: 0 ran, 2 bad input (also: no configuration meets the SLA), 1 internal error;",
                "with --fail-on-miss, 3 when no configuration meets the SLA."})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    GpuOptions gpus;

    @Option(names = "--gpu-price", split = ",", paramLabel = "G=USD",
            description = "Price per GPU-hour overriding the spec's default, e.g. h200-sxm=3.5.")
    List<String> gpuPrices = new ArrayList<>();

    @Mixin
    QuantOptions quant;

    @Option(names = "--backend", split = ",", defaultValue = "vllm", paramLabel = "B",
            description = "Serving engines: vllm, sglang, trtllm (default ${DEFAULT-VALUE}).")
    List<String> backends;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Load load;

    static final class Load {
        @Option(names = "--rate", paramLabel = "R",
                description = "Requests per second to serve (minimise cost); with --trace, default: the trace's mean "
                        + "arrival rate.")
        Double rate;

        @Option(names = "--total-gpus", paramLabel = "N", description = "GPU budget (maximise the load served).")
        Integer totalGpus;

        @Option(names = "--concurrency", paramLabel = "C", description = "Concurrent requests to serve (minimise cost).")
        Integer concurrency;
    }

    // --isl --osl --shared-prefix: the request sizes plan, simulate and estimate read alike
    @Mixin
    RequestShapeOptions shape;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Take ISL/OSL distributions from a trace instead of --isl and --osl: Azure CSV or Mooncake "
                    + "JSONL.")
    Path trace;

    // plan's name before one vocabulary (simulate's --shared-prefix), kept for one release
    @Option(names = "--prefix", paramLabel = "T", hidden = true)
    Integer oldPrefix;

    @Option(names = "--prefix-hit-rate", defaultValue = "1.0", paramLabel = "F",
            description = "Share of requests that start with the shared prefix (default ${DEFAULT-VALUE}).")
    double prefixHitRate;

    @Mixin
    RouterSearchOptions routing;

    @Mixin
    SlaOptions slaOptions;

    @Mixin
    MissOptions miss;

    @Option(names = "--mode", defaultValue = "both", paramLabel = "MODE",
            description = "agg: every replica prefills and decodes; disagg: separate prefill and decode pools; both: "
                    + "search each (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--speculative-tokens", defaultValue = "0", paramLabel = "K",
            description = "EAGLE speculative decoding: draft tokens proposed per step (default ${DEFAULT-VALUE}: off).")
    int speculativeTokens;

    @Option(names = "--acceptance", defaultValue = "0.7", paramLabel = "A",
            description = "Probability that a draft token is accepted (default ${DEFAULT-VALUE}).")
    double acceptance;

    @Option(names = "--draft-model", paramLabel = "REPO",
            description = "EAGLE draft model the launch artifacts load with --speculative-tokens.")
    String draftModel;

    @Option(names = "--top", defaultValue = "3", paramLabel = "N",
            description = "Confirmed configurations listed besides the winners (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-simulate", description = "Analytic model only: fast, but the SLA is not confirmed.")
    boolean noSimulate;

    @Option(names = "--no-request-path",
            description = "Confirming simulations leave out the request path (tokenisation, HTTP hop) that "
                    + "'validate' counts inside TTFT.")
    boolean noRequestPath;

    @Option(names = "--memory-fraction", defaultValue = "0.9", paramLabel = "F",
            description = "Share of GPU memory an engine may use, weights, KV cache, activations and CUDA "
                    + "graphs together (default ${DEFAULT-VALUE}); SGLang's launch command gets the "
                    + "--mem-fraction-static of the planned KV pool, which leaves activations and graphs out.")
    double memoryFraction;

    @Option(names = "--save-dir", paramLabel = "DIR",
            description = "Write frontier and top configurations (CSV, JSON), the Pareto plot (PNG, SVG), Dynamo, "
                    + "Kubernetes and engine launch artifacts to DIR.")
    Path saveDir;

    @Option(names = "--hf-model", paramLabel = "REPO",
            description = "Model name the launch artifacts load (default: the Hugging Face repository of the spec).")
    String hfModel;

    @Mixin
    OutputOptions output;

    @Option(names = "--wide", description = "Every column and the full layouts on long lines (default: fit 100 "
            + "columns).")
    boolean wide;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Mixin
    HostOffloadOptions hostOffload;

    @Override
    public Integer call() {
        PlanRequest request = request();
        PlanResult result;
        try (PlanProgressBar bar = PlanProgressBar.forTerminal(!output.json())) {
            result = new Planner().plan(request, bar);
        } catch (SlaUnmetException e) {
            if (!miss.failOnMiss()) {
                throw e;
            }
            spec.commandLine().getErr().println("plimsoll: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.SLA_MISSED;
        }
        HostOffloadAdvisor.Verdict offload = null;
        if (hostOffload.given()) {
            offload = hostOffload.advise(result, offloadIsl(), offloadOsl(), sharedPrefix());
        }
        PrintWriter out = spec.commandLine().getOut();
        ArtifactOptions artifacts = ArtifactOptions.of(request.model(), hfModel, draftModel);
        List<Path> written = List.of();
        if (saveDir != null) {
            written = ArtifactWriter.write(result, saveDir, artifacts);
        }
        List<String> notes = new ArrayList<>(result.notes());
        notes.addAll(kvNotes(result));
        notes.addAll(winnerNotes(result, artifacts));
        if (output.json()) {
            Map<String, Object> doc = PlanJson.of(result);
            doc.put("notes", notes);
            if (saveDir != null) {
                doc.put("saved", written.stream().map(Path::toString).toList());
            }
            if (hostOffload.given()) {
                doc.put("host_offload", hostOffload.json(offload));
            }
            out.println(Json.write(doc));
        } else {
            out.print(PlanTable.render(result, wide ? Wrap.UNLIMITED : Wrap.WIDTH, notes));
            if (hostOffload.given()) {
                out.println();
                out.print(hostOffload.render(offload));
            }
            if (saveDir != null) {
                out.println();
                out.println("saved " + written.size() + " files to " + saveDir);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** New tokens per turn of --host-offload's sessions: --isl, or the trace's mean prompt. */
    private int offloadIsl() {
        if (trace != null) {
            throw new UserInputException("--host-offload needs --isl and --osl (new tokens and reply per turn)");
        }
        return shape.isl();
    }

    private int offloadOsl() {
        return shape.osl();
    }

    PlanRequest request() {
        if (trace != null && shape.sizesGiven()) {
            throw new UserInputException("give the request sizes once: --isl and --osl, or --trace FILE (its "
                    + "ISL/OSL distributions), not both");
        }
        if (trace == null) {
            shape.requireSizes(", or --trace FILE (its ISL/OSL distributions)");
        }
        ModelSpec m = model.resolve(specs.registry());
        List<GpuSpec> gpuSpecs = GpuPrices.apply(gpus.all(specs.registry()), gpuPrices);
        KvDtypeChoice kv = KvDtypeChoice.of(quant.kvDtypes());
        List<QuantScheme> schemes = kv.apply(PlanChoices.quants(m, quant.quants()));
        List<BackendProfile> engines = PlanChoices.backends(backends);
        int prefix = sharedPrefix();
        WorkloadSpec w = routing.apply(trace != null ? WorkloadSpec.fromTrace(trace, prefix, prefixHitRate)
                : WorkloadSpec.fixed(shape.isl(), shape.osl(), prefix, prefixHitRate));
        LoadTarget target = loadTarget();
        SlaTarget sla = slaOptions.required();
        slaOptions.warnOldNames(spec.commandLine().getErr());
        if (top < 0) {
            throw new UserInputException("--top must be >= 0, got " + top);
        }
        ConfirmationSettings confirmation = ConfirmationSettings.DEFAULT.withRequestPath(!noRequestPath)
                .withRouters(routing.routers(w));
        SearchSpace space = kv.apply(SearchSpace.defaults().withSimulate(!noSimulate).withTopN(top)
                .withConfirmation(confirmation));
        SpeculativeDecoding speculative = speculativeTokens == 0 ? SpeculativeDecoding.NONE
                : new SpeculativeDecoding(speculativeTokens, acceptance, SpeculativeSteps.draftCostRatio(m));
        return new PlanRequest(m, gpuSpecs, schemes, engines, w, target, sla, Mode.of(mode), space,
                costs.preparedFor(m, gpuSpecs, engines), memoryFraction, speculative);
    }

    /**
     * What the winners' launches need said: a format the GPU runs only weight-only, a checkpoint
     * that does not store what the plan runs, a checkpoint that ships its own code.
     */
    private static List<String> winnerNotes(PlanResult result, ArtifactOptions artifacts) {
        Set<String> out = new LinkedHashSet<>();
        for (Proposal p : new Proposal[] {result.bestAggregated(), result.bestDisaggregated()}) {
            if (p == null) {
                continue;
            }
            for (PoolPlan pool : p.pools()) {
                String weightOnly = pool.engine().replica().quant().note();
                if (weightOnly != null && !weightOnly.isEmpty()) {
                    out.add(weightOnly + " per GEMM: the weights stay " + pool.engine().candidate().quant().name()
                            + " in memory, and the plan sizes them so");
                }
                artifacts.checkpointProblem(pool).ifPresent(out::add);
            }
        }
        if (artifacts.trustRemoteCode()) {
            out.add(artifacts.model() + " ships its own model code (auto_map in its config.json): the launch files "
                    + "pass trust-remote-code");
        }
        return new ArrayList<>(out);
    }

    /** Says so when a winner stores the KV cache in FP8 that the user did not ask for. */
    private List<String> kvNotes(PlanResult result) {
        if (quant.kvDtypes() != null) {
            return List.of();
        }
        NumberFormat own = result.request().model().defaultQuant().kvCache();
        for (Proposal p : new Proposal[] {result.bestAggregated(), result.bestDisaggregated()}) {
            if (p != null && own != NumberFormat.FP8 && p.pools().stream()
                    .anyMatch(pool -> pool.engine().candidate().quant().kvCache() == NumberFormat.FP8)) {
                return List.of("a winner stores the KV cache in fp8 (the checkpoint's is " + own.key() + "): half the "
                        + "memory per token, at some risk to accuracy; --kv-dtype " + own.key() + " keeps "
                        + own.key());
            }
        }
        return List.of();
    }

    private int sharedPrefix() {
        Integer sharedPrefix = shape.sharedPrefix();
        if (sharedPrefix != null && oldPrefix != null && !sharedPrefix.equals(oldPrefix)) {
            throw new UserInputException("--shared-prefix and --prefix (its old name) disagree: " + sharedPrefix
                    + " and " + oldPrefix + "; give --shared-prefix only");
        }
        if (oldPrefix != null) {
            spec.commandLine().getErr().println("plimsoll: warning: --prefix is an old name of --shared-prefix and "
                    + "goes in the next release");
        }
        return sharedPrefix != null ? sharedPrefix : oldPrefix != null ? oldPrefix : 0;
    }

    /** The load as given; with a trace and no load, the trace's own arrival rate. */
    private LoadTarget loadTarget() {
        if (load == null) {
            if (trace == null) {
                throw new UserInputException("give the load: --rate R (requests per second), --total-gpus N (a GPU "
                        + "budget) or --concurrency C; with --trace, the trace's arrival rate is the default");
            }
            return new LoadTarget.Rate(TraceArrivalRate.of(trace));
        }
        return load.rate != null ? new LoadTarget.Rate(load.rate)
                : load.totalGpus != null ? new LoadTarget.TotalGpus(load.totalGpus)
                : new LoadTarget.Concurrency(load.concurrency);
    }
}
