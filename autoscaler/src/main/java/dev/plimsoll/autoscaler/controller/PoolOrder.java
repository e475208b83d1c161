package dev.plimsoll.autoscaler.controller;

import dev.plimsoll.autoscaler.crd.ServingAutoscalerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A resource's pools in the order the capacity model and the policy number them: [aggregated], or
 * [prefill, decode] whatever order the resource lists them in.
 */
public final class PoolOrder {
    public static final List<String> AGGREGATED = List.of("aggregated");
    public static final List<String> DISAGGREGATED = List.of("prefill", "decode");

    private PoolOrder() {
    }

    /** The pools in model order; the resource is assumed valid ({@link ConfigFile#validate}). */
    public static List<ServingAutoscalerSpec.Pool> of(ServingAutoscalerSpec spec) {
        List<String> order = names(spec);
        List<ServingAutoscalerSpec.Pool> out = new ArrayList<>();
        for (String name : order) {
            for (ServingAutoscalerSpec.Pool p : spec.pools) {
                if (name.equals(p.name)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** [aggregated] when the resource has an aggregated pool, else [prefill, decode]. */
    public static List<String> names(ServingAutoscalerSpec spec) {
        return spec.pools.stream().anyMatch(p -> "aggregated".equals(p.name)) ? AGGREGATED : DISAGGREGATED;
    }

    /** Whether the pool names are exactly one of the two layouts, each name once. */
    static boolean valid(List<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        return sorted.equals(AGGREGATED) || sorted.equals(List.of("decode", "prefill"));
    }
}
