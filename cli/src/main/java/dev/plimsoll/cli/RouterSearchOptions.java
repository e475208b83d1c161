package dev.plimsoll.cli;

import dev.plimsoll.optimizer.search.Routing;
import dev.plimsoll.optimizer.search.WorkloadSpec;
import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.sim.RouterKind;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/**
 * {@code plan}'s prefix groups and the routers it confirms behind: the same names as {@code
 * simulate}'s ({@code --prefix-groups}, {@code --router}, {@code --kv-overlap-weight}).
 */
public final class RouterSearchOptions {
    @Option(names = "--prefix-groups", paramLabel = "G",
            description = "Distinct shared prefixes (--shared-prefix tokens each), a request drawing one uniformly "
                    + "(default 1: one prefix for all).")
    Integer prefixGroups;

    @Option(names = "--router", paramLabel = "R",
            description = "Router in front of the deployment: auto (default: round-robin, and with --prefix-groups "
                    + "above 1 also Dynamo's KV router, the better kept), round-robin or kv-aware.")
    String router = "auto";

    @Option(names = "--kv-overlap-weight", paramLabel = "W",
            description = "The KV router's overlap score weight (Dynamo --kv-overlap-score-weight; default: 1 and 4 "
                    + "tried).")
    Double kvOverlapWeight;

    /** The workload with its prefix groups. */
    public WorkloadSpec apply(WorkloadSpec w) {
        return prefixGroups == null ? w : w.withPrefixGroups(prefixGroups);
    }

    /** The routers the confirmation tries for {@code w}. */
    public List<Routing> routers(WorkloadSpec w) {
        if (kvOverlapWeight != null) {
            try {
                RouterKind.checkOverlapWeight(kvOverlapWeight);
            } catch (UserInputException e) {
                throw new UserInputException("--kv-overlap-weight: " + e.getMessage());
            }
        }
        String key = router.toLowerCase(Locale.ROOT);
        if (key.equals("auto")) {
            return Routing.searched(w, kvOverlapWeight);
        }
        RouterKind kind = RouterKind.of(router);
        if (kind == RouterKind.LEAST_LOADED) {
            throw new UserInputException("--router for plan is auto, round-robin or kv-aware (Dynamo 0.8's frontend "
                    + "modes), got '" + router + "'");
        }
        if (kind == RouterKind.ROUND_ROBIN) {
            if (kvOverlapWeight != null) {
                throw new UserInputException("--kv-overlap-weight applies to --router kv-aware or auto");
            }
            return List.of(Routing.ROUND_ROBIN);
        }
        return List.of(Routing.kv(kvOverlapWeight == null ? RouterKind.DEFAULT_KV_OVERLAP_WEIGHT : kvOverlapWeight));
    }
}
