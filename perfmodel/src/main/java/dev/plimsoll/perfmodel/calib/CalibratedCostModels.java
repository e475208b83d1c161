package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.CostModelProvider;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.RooflineCostModel;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cost-model providers backed by calibration bundles: a user's bundle directory first, then the
 * bundles shipped in the jar; a GPU or framework without its own bundle gets the curves of the
 * closest calibrated GPU, transferred by spec ratios. Never refuses for lack of data: with no
 * bundle at all the roofline answers.
 */
public final class CalibratedCostModels {
    private CalibratedCostModels() {
    }

    /** @param userBundleDir {@code --calibration DIR}: one bundle, or a tree of gpu/backend bundles */
    public static CostModelProvider provider(Optional<Path> userBundleDir) {
        return provider(catalog(userBundleDir));
    }

    /** The user's bundles (if any) before the shipped ones. */
    public static BundleCatalog catalog(Optional<Path> userBundleDir) {
        BundleCatalog shipped = BundleCatalog.shipped();
        return userBundleDir.map(d -> BundleCatalog.directory(d).then(shipped)).orElse(shipped);
    }

    public static CostModelProvider provider(BundleCatalog catalog) {
        Map<List<Object>, OpCostModel> models = new ConcurrentHashMap<>();
        return (gpu, backend) -> models.computeIfAbsent(List.of(gpu, backend), k -> create(catalog, gpu, backend));
    }

    /**
     * Reads the calibration of every (GPU, engine) pair for {@code model} in advance, so that a
     * timed search measures searching, not reading tables; used by {@code plimsoll plan} and the GUI.
     *
     * @return {@code provider} itself
     */
    public static CostModelProvider prepare(CostModelProvider provider, ModelSpec model, List<GpuSpec> gpus,
                                            List<BackendProfile> backends) {
        for (GpuSpec g : gpus) {
            for (BackendProfile b : backends) {
                if (provider.forGpu(g, b) instanceof CalibratedCostModel calibrated) {
                    calibrated.prepare(model);
                }
            }
        }
        return provider;
    }

    static OpCostModel create(BundleCatalog catalog, GpuSpec gpu, BackendProfile backend) {
        List<CalibrationBundle> layers = catalog.exactLayers(gpu.id(), backend.id());
        if (!layers.isEmpty()) {
            // measured on this GPU with this framework: each bundle prices what the ones before it left out
            OpCostModel model = new RooflineCostModel(gpu, backend);
            for (int i = layers.size() - 1; i >= 0; i--) {
                model = new CalibratedCostModel(layers.get(i), gpu, backend, true, model);
            }
            return model;
        }
        return catalog.select(gpu.id(), ReferenceSpec.of(gpu), backend.id())
                .<OpCostModel>map(s -> new CalibratedCostModel(s.bundle(), gpu, backend, s.exact()))
                .orElseGet(() -> new RooflineCostModel(gpu, backend));
    }
}
