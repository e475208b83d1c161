package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.SpecJson;
import dev.plimsoll.cli.output.TextTable;
import dev.plimsoll.cli.output.Wrap;
import dev.plimsoll.perfmodel.specs.ComputeDtype;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;
import dev.plimsoll.perfmodel.specs.WeightInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code plimsoll specs list|show}: the GPUs and models Plimsoll knows. */
@Command(name = "specs", mixinStandardHelpOptions = true,
        description = "Lists or shows the bundled (and --specs-dir) GPU and model specs.",
        subcommands = {SpecsCommand.ListCommand.class, SpecsCommand.ShowCommand.class})
public final class SpecsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists GPU and model ids.")
    static final class ListCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        SpecOptions specs;

        @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
        OutputFormat output;

        @Override
        public void run() {
            SpecRegistry reg = specs.registry();
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("gpus", reg.gpus().stream().map(SpecJson::gpu).collect(Collectors.toList()));
                m.put("models", reg.models().stream().map(SpecJson::model).collect(Collectors.toList()));
                out.println(Json.write(m));
            } else {
                out.print(gpuTable(reg.gpus()));
                out.println();
                out.print(modelTable(reg.models()));
            }
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows one GPU or model spec (a model may also be a config.json path).")
    static final class ShowCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        SpecOptions specs;

        @Parameters(paramLabel = "ID", description = "GPU or model id.")
        String id;

        @Option(names = "--output", defaultValue = "json", paramLabel = "FORMAT", description = "json (default) or table.")
        OutputFormat output;

        @Override
        public void run() {
            SpecRegistry reg = specs.registry();
            Optional<GpuSpec> gpu = reg.findGpu(id);
            ModelSpec model = gpu.isPresent() ? null : reg.model(id);
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                out.println(Json.write(gpu.isPresent() ? SpecJson.gpu(gpu.get()) : SpecJson.model(model)));
            } else {
                out.print(gpu.isPresent() ? gpuTable(List.of(gpu.get())) : modelTable(List.of(model)));
            }
            out.flush();
        }
    }

    /**
     * One row per GPU, within 100 columns: dense peak TFLOPS per dtype, memory in GiB (2^30 bytes,
     * the unit GPU memory is sold in: an H100 holds 80 GiB, 85.9 GB), HBM bandwidth in TB/s (10^12
     * bytes) and scale-up bandwidth per direction in GB/s (10^9 bytes), as their makers quote them.
     */
    static String gpuTable(List<GpuSpec> gpus) {
        TextTable t = new TextTable("gpu", "name", "bf16 TF", "fp8 TF", "fp4 TF", "mem GiB", "HBM TB/s",
                "link GB/s", "USD/h").rightAlign(2, 3, 4, 5, 6, 7, 8);
        for (GpuSpec g : gpus) {
            t.row(g.id(), shortName(g), tf(g, ComputeDtype.BF16), tf(g, ComputeDtype.FP8), tf(g, ComputeDtype.FP4),
                    String.format(Locale.ROOT, "%.0f", g.memoryBytes() / GIB),
                    String.format(Locale.ROOT, "%.2f", g.memoryBandwidthBytesPerS() / 1e12),
                    String.format(Locale.ROOT, "%.0f", g.scaleUpBandwidthBytesPerS() / 1e9),
                    String.format(Locale.ROOT, "%.2f", g.pricePerGpuHourUsd()));
        }
        return t.render() + Wrap.prefixed("", "(TF: dense TFLOPS; mem GiB: 2^30 bytes; HBM TB/s: 10^12 bytes/s; "
                + "link GB/s: scale-up bandwidth per direction, 10^9 bytes/s)", Wrap.WIDTH);
    }

    /** One gibibyte, 2^30 bytes. */
    static final double GIB = 1024.0 * 1024 * 1024;

    /** The name without its maker's prefix ("H100 SXM5 80GB"): the id already says whose it is. */
    static String shortName(GpuSpec g) {
        return g.name().replaceFirst("^(NVIDIA|AMD Instinct|AMD) ", "");
    }

    static String modelTable(List<ModelSpec> models) {
        TextTable t = new TextTable("model", "params B", "active B", "layers", "hidden", "attention", "experts", "quant")
                .rightAlign(1, 2, 3, 4);
        for (ModelSpec m : models) {
            String experts = m.isMoe() ? m.moe().expertsPerToken() + "/" + m.moe().numExperts()
                    + (m.moe().numSharedExperts() > 0 ? "+" + m.moe().numSharedExperts() + " shared" : "") : "-";
            String attention = m.attention().isMla() ? "MLA " + m.attention().numHeads() + "h"
                    : "GQA " + m.attention().numHeads() + "/" + m.attention().numKvHeads();
            t.row(m.id(), String.format(Locale.ROOT, "%.2f", WeightInventory.totalParams(m) / 1e9),
                    String.format(Locale.ROOT, "%.2f", WeightInventory.activeParams(m) / 1e9), m.numLayers(),
                    m.hiddenSize(), attention, experts, m.defaultQuant().name());
        }
        return t.render();
    }

    private static String tf(GpuSpec g, ComputeDtype d) {
        return g.supports(d) ? String.format(Locale.ROOT, "%.0f", g.peakFlopsPerS(d) / 1e12) : "-";
    }
}
