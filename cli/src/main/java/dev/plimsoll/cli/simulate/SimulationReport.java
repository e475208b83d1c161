package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code plimsoll simulate} prints.
 *
 * @param inputs         the options as given (and the defaults they resolved to)
 * @param model          model id
 * @param plan           the simulated fleet
 * @param result         what the simulator measured
 * @param verdict        the targets at their percentile, or null without targets
 * @param saturation     offered against served load of an open-loop run, or null
 * @param warnings       what makes the figures mean less than they seem
 * @param timeSeriesFile where the time series went, or null
 * @param gpuOnly        with KV tiers, the same fleet and workload with its KV cache in GPU memory only;
 *                       else null
 */
public record SimulationReport(Map<String, Object> inputs, String model, DeploymentPlan plan, SimulationResult result,
                               SlaVerdict verdict, Saturation saturation, List<String> warnings, Path timeSeriesFile,
                               SimulationResult gpuOnly) {
    public SimulationReport {
        warnings = List.copyOf(warnings);
    }

    /** A report without the GPU-only comparison of a run with KV tiers. */
    public SimulationReport(Map<String, Object> inputs, String model, DeploymentPlan plan, SimulationResult result,
                            SlaVerdict verdict, Saturation saturation, List<String> warnings, Path timeSeriesFile) {
        this(inputs, model, plan, result, verdict, saturation, warnings, timeSeriesFile, null);
    }

    public boolean hasSla() {
        return verdict != null;
    }
}
