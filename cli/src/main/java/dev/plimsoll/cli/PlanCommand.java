package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.PlanTable;
import dev.plimsoll.optimizer.artifacts.ArtifactOptions;
import dev.plimsoll.optimizer.artifacts.ArtifactWriter;
import dev.plimsoll.optimizer.analytic.SpeculativeSteps;
import dev.plimsoll.optimizer.artifacts.PlanJson;
import dev.plimsoll.optimizer.search.ConfirmationSettings;
import dev.plimsoll.optimizer.search.LoadTarget;
import dev.plimsoll.optimizer.search.Mode;
import dev.plimsoll.optimizer.search.PlanChoices;
import dev.plimsoll.optimizer.search.PlanRequest;
import dev.plimsoll.optimizer.search.PlanResult;
import dev.plimsoll.optimizer.search.Planner;
import dev.plimsoll.optimizer.search.SearchSpace;
import dev.plimsoll.optimizer.search.SlaTarget;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.SpeculativeDecoding;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code plimsoll plan}: the cheapest deployments that meet an SLA at a load, confirmed by simulation. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Searches GPU types, TP/PP/EP/attention-DP layouts, quantisation, KV-cache dtype, token budget and",
                "batch, aggregated and disaggregated (xPyD, prefill and decode on different GPUs), for the",
                "deployments that meet TTFT and ITL targets at a percentile for a load at the lowest cost.",
                "An analytic model prunes; the simulator confirms the winners and the Pareto frontier, and only",
                "confirmed configurations are proposed."})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "Model id (see 'plimsoll specs list') or a Hugging Face config.json / its directory.")
    String model;

    @Option(names = "--gpu", required = true, split = ",", paramLabel = "G[,G2...]",
            description = "Candidate GPU types; prefill and decode pools may use different ones.")
    List<String> gpus;

    @Option(names = "--gpu-price", split = ",", paramLabel = "G=USD",
            description = "Price per GPU-hour overriding the spec's default, e.g. h200-sxm=3.5.")
    List<String> gpuPrices = new ArrayList<>();

    @Option(names = "--quant", split = ",", paramLabel = "Q[,Q2...]",
            description = "Weight quantisations the search may choose from (default: the checkpoint's own).")
    List<String> quants;

    @Option(names = "--backend", split = ",", defaultValue = "vllm", paramLabel = "B[,B2...]",
            description = "Serving engines: vllm, sglang, trtllm (default ${DEFAULT-VALUE}).")
    List<String> backends;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Load load;

    static final class Load {
        @Option(names = "--rate", paramLabel = "R", description = "Requests per second to serve (minimise cost).")
        Double rate;

        @Option(names = "--total-gpus", paramLabel = "N", description = "GPU budget (maximise the load served).")
        Integer totalGpus;

        @Option(names = "--concurrency", paramLabel = "C", description = "Concurrent requests to serve (minimise cost).")
        Integer concurrency;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Sizes sizes;

    static final class Sizes {
        @ArgGroup(exclusive = false)
        Fixed fixed;

        @Option(names = "--trace", paramLabel = "F",
                description = "Take ISL/OSL distributions from a trace: Azure CSV or Mooncake JSONL.")
        Path trace;
    }

    static final class Fixed {
        @Option(names = "--isl", required = true, paramLabel = "I", description = "Input tokens per request.")
        int isl;

        @Option(names = "--osl", required = true, paramLabel = "O", description = "Output tokens per request.")
        int osl;
    }

    @Option(names = "--prefix", defaultValue = "0", paramLabel = "P",
            description = "Prompt prefix every request shares, served from the prefix cache (default ${DEFAULT-VALUE}).")
    int prefix;

    @Option(names = "--prefix-hit-rate", defaultValue = "1.0", paramLabel = "F",
            description = "Share of requests that start with the shared prefix (default ${DEFAULT-VALUE}).")
    double prefixHitRate;

    @Mixin
    SlaOptions slaOptions;

    @Option(names = "--e2e", paramLabel = "MS", description = "End-to-end latency bound (default: none).")
    Double e2eMs;

    @Option(names = "--mode", defaultValue = "both", paramLabel = "MODE",
            description = "agg, disagg or both (default ${DEFAULT-VALUE}).")
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
            description = "Share of GPU memory an engine may use (default ${DEFAULT-VALUE}).")
    double memoryFraction;

    @Option(names = "--save-dir", paramLabel = "DIR",
            description = "Write frontier and top configurations (CSV, JSON), the Pareto plot (PNG, SVG), Dynamo, "
                    + "Kubernetes and engine launch artifacts to DIR.")
    Path saveDir;

    @Option(names = "--hf-model", paramLabel = "REPO",
            description = "Model name the launch artifacts load (default: the Hugging Face repository of the spec).")
    String hfModel;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json (default ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Override
    public Integer call() {
        PlanRequest request = request();
        PlanResult result;
        try (PlanProgressBar bar = PlanProgressBar.forTerminal(output == OutputFormat.TABLE)) {
            result = new Planner().plan(request, bar);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = List.of();
        if (saveDir != null) {
            written = ArtifactWriter.write(result, saveDir, ArtifactOptions.of(request.model(), hfModel, draftModel));
        }
        if (output == OutputFormat.JSON) {
            Map<String, Object> doc = PlanJson.of(result);
            if (saveDir != null) {
                doc.put("saved", written.stream().map(Path::toString).toList());
            }
            out.println(Json.write(doc));
        } else {
            out.print(PlanTable.render(result));
            if (saveDir != null) {
                out.println();
                out.println("saved " + written.size() + " files to " + saveDir);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    PlanRequest request() {
        ModelSpec m = specs.registry().model(model);
        List<GpuSpec> gpuSpecs = new ArrayList<>();
        for (String id : gpus) {
            gpuSpecs.add(specs.registry().gpu(id.trim()));
        }
        gpuSpecs = GpuPrices.apply(gpuSpecs, gpuPrices);
        List<QuantScheme> schemes = PlanChoices.quants(m, quants);
        List<BackendProfile> engines = PlanChoices.backends(backends);
        WorkloadSpec w = sizes.trace != null ? WorkloadSpec.fromTrace(sizes.trace, prefix, prefixHitRate)
                : WorkloadSpec.fixed(sizes.fixed.isl, sizes.fixed.osl, prefix, prefixHitRate);
        LoadTarget target = load.rate != null ? new LoadTarget.Rate(load.rate)
                : load.totalGpus != null ? new LoadTarget.TotalGpus(load.totalGpus)
                : new LoadTarget.Concurrency(load.concurrency);
        SlaTarget sla = slaOptions.target(e2eMs == null ? Double.POSITIVE_INFINITY : e2eMs);
        if (top < 0) {
            throw new UserInputException("--top must be >= 0, got " + top);
        }
        SearchSpace space = SearchSpace.defaults().withSimulate(!noSimulate).withTopN(top)
                .withConfirmation(ConfirmationSettings.DEFAULT.withRequestPath(!noRequestPath));
        SpeculativeDecoding speculative = speculativeTokens == 0 ? SpeculativeDecoding.NONE
                : new SpeculativeDecoding(speculativeTokens, acceptance, SpeculativeSteps.draftCostRatio(m));
        return new PlanRequest(m, gpuSpecs, schemes, engines, w, target, sla, Mode.of(mode), space,
                costs.preparedFor(m, gpuSpecs, engines), memoryFraction, speculative);
    }

    /** --gpu-price G=USD overrides. */
    static final class GpuPrices {
        private GpuPrices() {
        }

        static List<GpuSpec> apply(List<GpuSpec> gpus, List<String> prices) {
            List<GpuSpec> out = new ArrayList<>(gpus);
            for (String p : prices) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new UserInputException("--gpu-price must be GPU=USD, got '" + p + "'");
                }
                String id = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                double usd;
                try {
                    usd = Double.parseDouble(p.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    throw new UserInputException("--gpu-price " + p + ": '" + p.substring(eq + 1) + "' is not a number");
                }
                if (!(usd >= 0) || Double.isInfinite(usd)) {
                    throw new UserInputException("--gpu-price " + p + ": the price must be >= 0 USD per GPU-hour");
                }
                boolean found = false;
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).id().equals(id)) {
                        out.set(i, out.get(i).withPrice(usd));
                        found = true;
                    }
                }
                if (!found) {
                    throw new UserInputException("--gpu-price names " + id + ", which is not one of the --gpu types");
                }
            }
            return out;
        }
    }
}
