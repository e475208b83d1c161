package dev.plimsoll.cli;

import dev.plimsoll.cli.output.Json;
import dev.plimsoll.profiler.compare.TableComparison;
import dev.plimsoll.profiler.output.MachineRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code plimsoll profile compare}: profiled tables against reference tables at the same keys. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compares profiled kernel tables with reference tables of the same GPU.",
                "Row by row at identical keys (for example against",
                "../shared/data/kernels/h200_sxm): per family and category the points both",
                "have, the median and p90 of |profiled / reference - 1| and the median ratio;",
                "and the measured HBM read bandwidth against the weight-streaming rate the",
                "reference GEMM rows imply."})
public final class ProfileCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Profiled tables.")
    Path tables;

    @Option(names = "--reference", required = true, paramLabel = "DIR", description = "Reference tables.")
    Path reference;

    @Option(names = "--backend", defaultValue = "vllm", paramLabel = "B",
            description = "Engine whose tables to compare (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    OutputFormat output;

    @Override
    public Integer call() {
        TableComparison.Result r = TableComparison.compare(tables, reference, backend);
        Optional<MachineRecord> machine = MachineRecord.read(tables);
        double read = machine.map(MachineRecord::readBandwidthBytesPerS).orElse(0.0);
        PrintWriter pw = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agreements", r.agreements());
            m.put("implied_read_bytes_per_s", r.impliedReadBytesPerS());
            m.put("measured_read_bytes_per_s", read);
            pw.println(Json.write(m));
        } else {
            pw.println(String.format(Locale.ROOT, "%-22s %-22s %7s %10s %10s %12s", "family", "category", "points",
                    "median err", "p90 err", "median ratio"));
            for (TableComparison.Agreement a : r.agreements()) {
                pw.println(String.format(Locale.ROOT, "%-22s %-22s %7d %9.1f%% %9.1f%% %12.3f", a.family(),
                        a.category(), a.points(), 100 * a.medianError(), 100 * a.p90Error(), a.medianRatio()));
            }
            if (r.impliedReadBytesPerS() > 0) {
                pw.println(String.format(Locale.ROOT, "HBM read: measured %.2f TB/s, reference GEMM rows imply up to "
                        + "%.2f TB/s (%+.1f%%)", read / 1e12, r.impliedReadBytesPerS() / 1e12,
                        read > 0 ? 100 * (read / r.impliedReadBytesPerS() - 1) : Double.NaN));
            }
        }
        pw.flush();
        return ExitCodes.OK;
    }
}
