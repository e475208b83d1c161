package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.calib.CalibrationReport;
import dev.plimsoll.perfmodel.calib.Calibrator;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.profiler.output.MachineRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code plimsoll calibrate}: a calibration bundle from measured kernel tables. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Builds a calibration bundle from measured kernel tables and prints the fit report.",
        description = {
                "Builds a calibration bundle from measured kernel tables (the CSV schema of the AIConfigurator",
                "silicon database, which 'plimsoll profile' writes too) and prints the fit report: per op family",
                "the points, achievable utilisation and least-squares fixed costs with R^2 and RMSE.",
                "Use the bundle with --calibration DIR on estimate, simulate, validate and plan."})
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Directory of kernel tables.")
    Path tables;

    @Option(names = "--gpu", required = true, paramLabel = "G", description = "GPU the tables were measured on.")
    String gpu;

    @Option(names = "--backend", required = true, paramLabel = "B",
            description = "Framework whose tables to read: vllm, sglang or trtllm.")
    String backend;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the bundle.")
    Path out;

    @Option(names = "--source", defaultValue = "user measurements", paramLabel = "TEXT",
            description = "Provenance recorded in the bundle (default: 'profiled: ...' with the GPU, driver and "
                    + "date for tables from 'plimsoll profile', else '${DEFAULT-VALUE}').")
    String source;

    @Option(names = "--license", defaultValue = "", paramLabel = "TEXT", description = "Licence of the measurements.")
    String license;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    OutputFormat output;

    @Mixin
    SpecOptions specs;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(tables)) {
            throw new UserInputException("--tables " + tables + ": no such directory");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " exists and is not a directory");
        }
        GpuSpec gpuSpec = specs.registry().gpu(gpu);
        // tables written by 'plimsoll profile' carry their machine record: the bundle says it was profiled
        String provenance = spec.commandLine().getParseResult().hasMatchedOption("--source") ? source
                : MachineRecord.read(tables).map(MachineRecord::provenance).orElse(source);
        CalibrationReport report = Calibrator.calibrate(tables, gpuSpec, backend, out, provenance, license);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(output == OutputFormat.JSON ? report.toJson() + "\n" : report.toTable());
        pw.flush();
        return ExitCodes.OK;
    }
}
