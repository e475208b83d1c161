package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.BackendProfiles;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantScheme;

import java.util.ArrayList;
import java.util.List;

/**
 * The quantisations and engines a plan may choose from, resolved from their names the same way for
 * {@code plimsoll plan} and the desktop explorer.
 */
public final class PlanChoices {
    private PlanChoices() {
    }

    /**
     * The checkpoint's own quantisation when no name is given, else each named preset with the
     * checkpoint's KV-cache format.
     */
    public static List<QuantScheme> quants(ModelSpec model, List<String> names) {
        List<QuantScheme> schemes = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            schemes.add(model.defaultQuant());
        } else {
            for (String q : names) {
                schemes.add(QuantPresets.get(q.trim()).withKvCache(model.defaultQuant().kvCache()));
            }
        }
        return schemes;
    }

    /** Serving engines by name: vllm, sglang, trtllm. */
    public static List<BackendProfile> backends(List<String> names) {
        List<BackendProfile> engines = new ArrayList<>();
        for (String b : names) {
            engines.add(BackendProfiles.get(b.trim()));
        }
        return engines;
    }
}
