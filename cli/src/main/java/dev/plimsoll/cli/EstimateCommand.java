package dev.plimsoll.cli;

import dev.plimsoll.cli.output.EstimateJson;
import dev.plimsoll.cli.output.EstimateTable;
import dev.plimsoll.cli.output.Json;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.estimate.Estimator;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code plimsoll estimate}: latency, throughput and memory of one layout. */
@Command(name = "estimate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Predicts latency, throughput and memory of one model on one GPU type and layout at a fixed batch.",
        description = {
                "Predicts prefill and decode step latency, TTFT, TPOT, throughput and memory of one model on one",
                "GPU type and parallel layout, at a fixed batch, without queueing.",
                "",
                "ttft_ms = prefill of one request (+ half a decode step when other requests are running);",
                "tpot_ms = decode step at context ISL+OSL/2 + the share of other requests' prefills per token:",
                "a request's mean time per output token (TPOT, the mean ITL; JSON itl_ms is its old name)."})
public final class EstimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    GpuOptions gpu;

    @Mixin
    LayoutOptions layout;

    @Mixin
    QuantOptions quant;

    @Option(names = "--backend", defaultValue = "vllm", paramLabel = "B",
            description = "Serving engine: vllm, sglang or trtllm (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "B",
            description = "Requests in flight per attention-DP rank (default ${DEFAULT-VALUE}).")
    int batch;

    // --isl --osl: the request sizes plan, simulate and estimate read alike (estimate has no shared prefix)
    @Mixin
    RequestShapeOptions shape;

    @Option(names = "--eager", description = "Disable CUDA graphs (vLLM --enforce-eager, SGLang --disable-cuda-graph).")
    boolean eager;

    @Option(names = "--memory-fraction", defaultValue = "0.9", paramLabel = "F",
            description = "Share of GPU memory the engine may use (default ${DEFAULT-VALUE}).")
    double memoryFraction;

    @Option(names = "--detail", description = "List every op with its time, FLOPs, bytes, bound and provenance.")
    boolean detail;

    @Mixin
    OutputOptions output;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Override
    public Integer call() {
        shape.requireSizes("");
        if (shape.sharedPrefix() != null) {
            throw new UserInputException("estimate has no prefix cache to serve --shared-prefix from; "
                    + "'plimsoll simulate' and 'plimsoll plan' take it");
        }
        GpuSpec gpuSpec = gpu.one(specs.registry(), "estimate");
        ModelSpec modelSpec = model.resolve(specs.registry());
        QuantScheme scheme = quant.scheme(modelSpec);
        BackendProfile profile = BackendProfiles.get(backend);
        EstimateRequest request = new EstimateRequest(modelSpec, gpuSpec, layout.parallelism(), scheme, profile,
                !eager, batch, shape.isl(), shape.osl(), memoryFraction);
        Estimate estimate = new Estimator(costs.provider()).estimate(request);
        List<String> warnings = warnings(request, estimate);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(EstimateJson.of(request, estimate, detail, warnings)));
        } else {
            out.print(EstimateTable.render(request, estimate, detail, warnings));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Where the figures stop describing a deployment that could run: a batch the KV cache cannot hold, TP across nodes. */
    static List<String> warnings(EstimateRequest r, Estimate e) {
        List<String> out = new ArrayList<>();
        if (r.batch() > e.maxBatch()) {
            out.add(String.format(Locale.ROOT, "--batch %d is above the KV limit: the KV cache holds %d requests of "
                            + "ISL + OSL = %d tokens per rank (%,d tokens); an engine would queue or preempt the rest, "
                            + "so the decode step, TPOT and throughput above are for a batch that cannot run; use "
                            + "--batch %d or less", r.batch(), e.maxBatch(), r.isl() + r.osl(), e.kvCapacityTokens(),
                    e.maxBatch()));
        }
        LayoutWarnings.acrossNodes(r.parallelism(), r.gpu()).ifPresent(out::add);
        return out;
    }
}
