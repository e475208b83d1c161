package dev.plimsoll.perfmodel;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.specs.GpuSpec;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.SpecRegistry;

import java.nio.file.Path;

/** Bundled specs and shared data for tests. */
public final class TestSpecs {
    public static final SpecRegistry REGISTRY = SpecRegistry.load(null);

    private TestSpecs() {
    }

    public static ModelSpec model(String id) {
        return REGISTRY.model(id);
    }

    public static GpuSpec gpu(String id) {
        return REGISTRY.gpu(id);
    }

    public static BackendProfile backend(String id) {
        return BackendProfiles.get(id);
    }

    /** ../shared/data beside the reactor root. */
    public static Path sharedData() {
        return Path.of(System.getProperty("plimsoll.root", "..")).resolve("../shared/data").normalize();
    }
}
