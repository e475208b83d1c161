package dev.plimsoll.cli;

import dev.plimsoll.cli.bench.BundleLoadBenchmark;
import dev.plimsoll.cli.bench.PlanBenchmark;
import dev.plimsoll.cli.bench.StepLatencyBenchmark;
import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.TextTable;
import dev.plimsoll.perfmodel.error.UserInputException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code plimsoll bench}: JMH benchmarks of Plimsoll's hot paths, with numbers written out. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Runs Plimsoll's JMH benchmarks (one thread, one fork) and prints the scores.",
        description = {"Runs Plimsoll's JMH benchmarks (one thread, one fork) and prints the scores.",
                "step-latency: step-latency evaluations per second, the inner loop of simulate and plan.",
                "plan: ms per plan of the README's reference question (the search uses every core).",
                "autoscale: ms per decision of the Plimsoll policy and per replay of one hour of the Azure",
                "conversation trace at ten times its rate (run from the project root, beside ../shared/data).",
                "bundle-load: ms to read the calibration the reference plan needs, warm and in fresh JVMs."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--suite", defaultValue = "step-latency", paramLabel = "NAME",
            description = "Benchmark suite: step-latency (default), plan, autoscale or bundle-load.")
    String suite;

    @Option(names = "--quick", description = "1 warm-up and 2 measurement iterations of 1 s (default 3 and 5).")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    OutputFormat output;

    @Override
    public Integer call() throws RunnerException, IOException {
        boolean autoscale = "autoscale".equals(suite);
        boolean bundleLoad = "bundle-load".equals(suite);
        boolean plan = "plan".equals(suite) || autoscale || bundleLoad;
        if (!plan && !"step-latency".equals(suite)) {
            throw new UserInputException("unknown benchmark suite '" + suite
                    + "'; known: step-latency, plan, autoscale, bundle-load");
        }
        Class<?> benchmark = autoscale ? dev.plimsoll.cli.bench.AutoscaleBenchmark.class
                : bundleLoad ? BundleLoadBenchmark.class : plan ? PlanBenchmark.class : StepLatencyBenchmark.class;
        Options options = new OptionsBuilder()
                .include(benchmark.getName() + (bundleLoad ? ".warm" : ""))
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new ArrayList<>(new Runner(options).run());
        if (bundleLoad) {
            results.addAll(new Runner(coldBundleLoad()).run());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        TextTable table = new TextTable("benchmark", "config", autoscale || bundleLoad ? "ms/op" : plan ? "ms/plan" : "evaluations/s",
                "error")
                .rightAlign(2, 3);
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            String config = bundleLoad ? "h200-sxm/vllm qwen3-32b" : autoscale ? "llama-3.1-70b h100-sxm azure conv x10"
                    : r.getParams().getParam("config") + " " + r.getParams().getParam("costModel");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", name);
            row.put("config", config);
            if (plan) {
                row.put("ms_per_op", Json.round(primary.getScore(), 1));
                row.put("error_ms_per_op", Json.round(primary.getScoreError(), 1));
            } else {
                row.put("ops_per_s", Json.round(primary.getScore(), 0));
                row.put("error_ops_per_s", Json.round(primary.getScoreError(), 0));
            }
            rows.add(row);
            String f = autoscale ? "%,.4f" : plan ? "%,.1f" : "%,.0f";
            table.row(name, config == null ? "reference" : config, String.format(Locale.ROOT, f, primary.getScore()),
                    String.format(Locale.ROOT, "± " + f, primary.getScoreError()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("suite", suite);
        doc.put("threads", 1);
        if (bundleLoad) {
            doc.put("note", "warm: average over calls in one JIT-compiled JVM; cold: the first read in each of "
                    + coldForks() + " fresh JVMs (C1 only, as the launcher runs plan)");
        }
        doc.put("java", System.getProperty("java.version"));
        doc.put("results", rows);
        if (out != null) {
            Files.writeString(out, Json.write(doc) + "\n");
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(output == OutputFormat.JSON ? Json.write(doc) + "\n" : table.render());
        pw.flush();
        return ExitCodes.OK;
    }

    private int coldForks() {
        return quick ? 3 : 5;
    }

    /** One read of the bundles in each of several fresh JVMs, with the launcher's JIT flags for plan. */
    private Options coldBundleLoad() {
        return new OptionsBuilder()
                .include(BundleLoadBenchmark.class.getName() + ".cold")
                .forks(coldForks())
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgsAppend("-XX:TieredStopAtLevel=1")
                .shouldFailOnError(true)
                .build();
    }
}
