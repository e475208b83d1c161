package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.ValidationJson;
import dev.plimsoll.cli.output.ValidationTable;
import dev.plimsoll.perfmodel.calib.BundleCatalog;
import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.calib.Holdout;
import dev.plimsoll.perfmodel.calib.KernelValidator;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.validate.AicSiliconReader;
import dev.plimsoll.perfmodel.validate.BenchmarkClient;
import dev.plimsoll.perfmodel.validate.BenchmarkProtocol;
import dev.plimsoll.perfmodel.validate.DeploymentPlanner;
import dev.plimsoll.perfmodel.validate.MeasuredFile;
import dev.plimsoll.perfmodel.validate.MeasuredValidation;
import dev.plimsoll.perfmodel.validate.ModelResolver;
import dev.plimsoll.perfmodel.validate.ValidationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code plimsoll validate}: how far Plimsoll's predictions are from measurements. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Scores Plimsoll against measured kernel tables or deployments.",
        description = {
                "Scores Plimsoll against measurements (errors as fractions: 0.12 = 12%%).",
                "",
                "--measured FILE: every deployment is simulated in closed loop at its concurrency, as its benchmark "
                        + "client ran it, and its mean TTFT and TPOT compared with the measurement. The report "
                        + "also splits each group's TTFT at its lightest load into what grows with the prompt and "
                        + "what does not (measured and predicted ms per 1k prompt tokens and fixed ms).",
                "",
                "--kernels DIR --gpu G: every measured kernel of DIR is predicted with what Plimsoll already knows "
                        + "(its shipped bundle, or curves transferred from the closest calibrated GPU); with "
                        + "--holdout F a fraction F of the shapes is held out, the rest calibrated, and the held-out "
                        + "shapes scored. --transfer-from G2 predicts with G2's bundles only (the cross-GPU check). "
                        + "Rows of a category the table timed with host work inside (its fastest row over 10x the "
                        + "table's fastest GEMM) time the collector's CPU: they are scored apart (host-timed). "
                        + "Each framework's prefill and decode attention rows are also scored together (family "
                        + "attention).",
                ""})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--measured", paramLabel = "FILE", description = "Measured deployments (CSV).")
    Path measured;

    @Option(names = "--kernels", paramLabel = "DIR", description = "Measured kernel tables (CSV or CSV.gz).")
    Path kernels;

    @Option(names = "--gpu", paramLabel = "G", description = "With --kernels: the GPU the tables were measured on.")
    String gpu;

    @Option(names = "--holdout", paramLabel = "F",
            description = "With --kernels: hold out this fraction of shapes, calibrate on the rest, score them.")
    Double holdout;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "With --holdout: seed of the held-out draw (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--transfer-from", paramLabel = "G",
            description = "With --kernels: predict from this GPU's calibration only.")
    String transferFrom;

    @Option(names = "--format", defaultValue = "aic-silicon", paramLabel = "F",
            description = "Format of --measured: aic-silicon (default; columns of NVIDIA AIConfigurator's e2e results).")
    String format;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where to find models the file names but Plimsoll does not bundle, as <org>--<name>.json.")
    Path modelsDir;

    @Option(names = "--client", defaultValue = "auto", paramLabel = "C",
            description = "With --measured: the benchmark client that measured the rows: aiperf (every request "
                    + "exactly ISL in and OSL out, as Dynamo's scripts run aiperf and genai-perf), inferencex "
                    + "(SemiAnalysis InferenceX: lengths drawn from 80-100%% of ISL and OSL, and the launch flags "
                    + "of its scripts), or auto (default: inferencex for rows whose id starts with a campaign date "
                    + "such as 2026_04_06_, names an InferenceX configuration such as dsr1_h200_sglang_..., or is "
                    + "labelled _gap_analysis_; aiperf otherwise).")
    String client;

    @Option(names = "--requests-per-client", defaultValue = "10", paramLabel = "N",
            description = "With --measured: requests each client sent in the measured phase (default ${DEFAULT-VALUE},"
                    + " as Dynamo's and InferenceX's scripts send).")
    int requestsPerClient;

    @Option(names = "--dataset-entries", defaultValue = "0", paramLabel = "N",
            description = "With --measured: the aiperf client drew its prompts from N distinct ones and sent them "
                    + "again (--num-dataset-entries, 100 when left unset there), so engines with prefix caching "
                    + "served repeats from their cache (default ${DEFAULT-VALUE}: every prompt distinct; InferenceX "
                    + "rows always are).")
    int datasetEntries;

    @Option(names = "--rows", description = "Also list every prediction (JSON: predictions); with --kernels, the "
            + "scores per kernel and category (JSON: kernels of each family).")
    boolean perRow;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Worker threads (default: all cores).")
    int threads;

    @Mixin
    OutputOptions output;

    @Mixin
    SpecOptions specs;

    @Mixin
    CostOptions costs;

    @Override
    public Integer call() {
        if ((measured == null) == (kernels == null)) {
            throw new UserInputException("give one of --measured FILE or --kernels DIR");
        }
        return kernels != null ? validateKernels() : validateDeployments();
    }

    private int validateKernels() {
        if (gpu == null) {
            throw new UserInputException("--kernels needs --gpu, the GPU the tables were measured on");
        }
        GpuSpec gpuSpec = specs.registry().gpu(gpu);
        dev.plimsoll.perfmodel.calib.ValidationReport report;
        if (holdout != null) {
            if (!(holdout > 0 && holdout < 1)) {
                throw new UserInputException("--holdout must be a fraction in (0, 1), got " + holdout);
            }
            report = KernelValidator.holdout(kernels, gpuSpec, new Holdout(holdout, seed));
        } else {
            BundleCatalog catalog = CalibratedCostModels.catalog(Optional.ofNullable(costs.calibration));
            if (transferFrom != null) {
                catalog = catalog.onlyGpu(specs.registry().gpu(transferFrom).id());
            }
            report = KernelValidator.predict(kernels, gpuSpec, catalog);
        }
        report = report.withKernels(perRow);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.json() ? report.toJson() + "\n" : report.toTable());
        out.flush();
        return ExitCodes.OK;
    }

    private int validateDeployments() {
        if (!"aic-silicon".equals(format)) {
            throw new UserInputException("unknown --format '" + format + "'; known: aic-silicon");
        }
        BenchmarkProtocol protocol = new BenchmarkProtocol(client(), requestsPerClient, datasetEntries);
        MeasuredFile rows = AicSiliconReader.read(measured);
        DeploymentPlanner planner = new DeploymentPlanner(specs.registry(),
                new ModelResolver(specs.registry(), modelsDir), new Replicas(costs.provider()), protocol);
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        try (Progress progress = Progress.start("validate", rows.rows().size())) {
            ValidationReport report = new MeasuredValidation(planner, n).run(rows, progress::stepTo);
            progress.close();
            PrintWriter out = spec.commandLine().getOut();
            out.print(output.json() ? Json.write(ValidationJson.of(report, perRow)) + "\n"
                    : ValidationTable.render(report));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The client named by --client; null for auto. */
    private BenchmarkClient client() {
        if ("auto".equals(client)) {
            return null;
        }
        for (BenchmarkClient c : BenchmarkClient.values()) {
            if (c.key().equals(client)) {
                return c;
            }
        }
        throw new UserInputException("unknown --client '" + client + "'; known: auto, aiperf, inferencex");
    }
}
