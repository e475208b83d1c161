package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** --calibration DIR and --roofline: where kernel times come from. */
public final class CostOptions {
    @Option(names = "--calibration", paramLabel = "DIR",
            description = "Calibration bundle(s) from 'plimsoll calibrate' to use before the shipped ones.")
    Path calibration;

    @Option(names = "--roofline",
            description = "Ignore measured kernel tables: analytic roofline with spec efficiencies only.")
    boolean rooflineOnly;

    /**
     * The provider with the calibration of every (GPU, engine) pair read in advance, so that a
     * timed search measures searching, not reading tables.
     */
    public CostModelProvider preparedFor(dev.plimsoll.perfmodel.specs.ModelSpec model,
                                         java.util.List<dev.plimsoll.perfmodel.specs.GpuSpec> gpus,
                                         java.util.List<dev.plimsoll.perfmodel.cost.BackendProfile> backends) {
        CostModelProvider p = provider();
        for (var g : gpus) {
            for (var b : backends) {
                if (p.forGpu(g, b) instanceof dev.plimsoll.perfmodel.calib.CalibratedCostModel) {
                    ((dev.plimsoll.perfmodel.calib.CalibratedCostModel) p.forGpu(g, b)).prepare(model);
                }
            }
        }
        return p;
    }

    public CostModelProvider provider() {
        if (rooflineOnly) {
            return CostModelProvider.roofline();
        }
        return CalibratedCostModels.provider(Optional.ofNullable(calibration));
    }
}
