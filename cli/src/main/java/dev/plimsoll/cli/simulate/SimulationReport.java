package dev.plimsoll.cli.simulate;

import dev.plimsoll.perfmodel.sim.SimulationResult;
import dev.plimsoll.perfmodel.sim.SlaSpec;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything {@code plimsoll simulate} prints.
 *
 * @param inputs         the options as given (and the defaults they resolved to)
 * @param model          model id
 * @param plan           the simulated fleet
 * @param result         what the simulator measured
 * @param sla            the targets ({@link SlaSpec#NONE} when none were given)
 * @param verdict        the targets at the chosen percentile, or null without targets
 * @param timeSeriesFile where the time series went, or null
 * @param gpuOnly        with KV tiers, the same fleet and workload with its KV cache in GPU memory only;
 *                       else null
 */
public record SimulationReport(Map<String, Object> inputs, String model, DeploymentPlan plan, SimulationResult result,
                               SlaSpec sla, SlaVerdict verdict, Path timeSeriesFile, SimulationResult gpuOnly) {
    public SimulationReport(Map<String, Object> inputs, String model, DeploymentPlan plan, SimulationResult result,
                            SlaSpec sla, SlaVerdict verdict, Path timeSeriesFile) {
        this(inputs, model, plan, result, sla, verdict, timeSeriesFile, null);
    }

    public boolean hasSla() {
        return verdict != null;
    }
}
