package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.cli.output.ValidationJson;
import dev.plimsoll.cli.output.ValidationTable;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.serving.Replicas;
import dev.plimsoll.perfmodel.validate.AicSiliconReader;
import dev.plimsoll.perfmodel.validate.DeploymentPlanner;
import dev.plimsoll.perfmodel.validate.MeasuredDeployment;
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
import java.util.concurrent.Callable;

/** {@code plimsoll validate}: how far Plimsoll's predictions are from measurements. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Scores Plimsoll against measured deployments.",
                "--measured FILE: every deployment is simulated in closed loop at its concurrency and its mean TTFT",
                "and TPOT compared with the measurement (errors as fractions: 0.12 = 12%)."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--measured", required = true, paramLabel = "FILE",
            description = "Measured deployments (CSV).")
    Path measured;

    @Option(names = "--format", defaultValue = "aic-silicon", paramLabel = "F",
            description = "Format of --measured: aic-silicon (default; columns of NVIDIA AIConfigurator's e2e results).")
    String format;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Where to find models the file names but Plimsoll does not bundle, as <org>--<name>.json.")
    Path modelsDir;

    @Option(names = "--rows", description = "Also list every prediction (JSON: predictions).")
    boolean perRow;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Worker threads (default: all cores).")
    int threads;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    OutputFormat output;

    @Mixin
    SpecOptions specs;

    @Override
    public Integer call() {
        if (!"aic-silicon".equals(format)) {
            throw new UserInputException("unknown --format '" + format + "'; known: aic-silicon");
        }
        List<MeasuredDeployment> rows = AicSiliconReader.read(measured);
        DeploymentPlanner planner = new DeploymentPlanner(specs.registry(),
                new ModelResolver(specs.registry(), modelsDir), new Replicas(CostModelProvider.roofline()));
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        try (Progress progress = Progress.start("validate", rows.size())) {
            ValidationReport report = new MeasuredValidation(planner, n).run(rows, progress::stepTo);
            progress.close();
            PrintWriter out = spec.commandLine().getOut();
            out.print(output == OutputFormat.JSON ? Json.write(ValidationJson.of(report, perRow)) + "\n"
                    : ValidationTable.render(report));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
