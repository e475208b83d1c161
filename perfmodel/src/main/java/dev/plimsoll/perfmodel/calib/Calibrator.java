package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.calib.table.KernelTableReader;
import dev.plimsoll.perfmodel.calib.table.TableDirectory;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code calibrate --tables DIR --gpu G --backend B --out DIR}: builds a calibration bundle from
 * raw kernel tables (the framework's own tables plus the shared NCCL table) and reports the fit.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /**
     * Reads the tables of {@code backend} in {@code tablesDir} into a bundle for {@code gpu}.
     *
     * @param source provenance recorded in the bundle (for example the database and its commit)
     * @param license licence of the measurements ("" if none applies)
     */
    public static CalibrationBundle build(Path tablesDir, GpuSpec gpu, String backend, String source, String license) {
        TableDirectory dir = TableDirectory.scan(tablesDir);
        Map<KernelFamily, Path> files = dir.tablesFor(backend);
        if (!dir.frameworks().contains(backend)) {
            throw new UserInputException(tablesDir + ": no kernel tables for backend '" + backend + "' (found: "
                    + String.join(", ", dir.frameworks()) + ")");
        }
        Map<KernelFamily, List<KernelRow>> rows = new EnumMap<>(KernelFamily.class);
        files.forEach((f, p) -> rows.put(f, KernelTableReader.read(p, f, backend).rows()));
        return CalibrationBundle.build(gpu.id(), backend, ReferenceSpec.of(gpu), rows, source, license);
    }

    /** Builds, writes to {@code outDir} (with the prebuilt curves of each table, {@link FitCache}) and reports. */
    public static CalibrationReport calibrate(Path tablesDir, GpuSpec gpu, String backend, Path outDir, String source,
                                              String license) {
        CalibrationBundle bundle = build(tablesDir, gpu, backend, source, license);
        try {
            BundleIo.write(bundle, outDir);
            FitCache.storeAll(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write calibration bundle to " + outDir, e);
        }
        return CalibrationReport.of(bundle, outDir.toString());
    }
}
