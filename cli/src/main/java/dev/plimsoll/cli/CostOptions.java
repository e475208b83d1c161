package dev.plimsoll.cli;

import dev.plimsoll.perfmodel.calib.CalibratedCostModels;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
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
    public CostModelProvider preparedFor(ModelSpec model, List<GpuSpec> gpus, List<BackendProfile> backends) {
        return CalibratedCostModels.prepare(provider(), model, gpus, backends);
    }

    public CostModelProvider provider() {
        if (rooflineOnly) {
            return CostModelProvider.roofline();
        }
        return CalibratedCostModels.provider(Optional.ofNullable(calibration));
    }
}
