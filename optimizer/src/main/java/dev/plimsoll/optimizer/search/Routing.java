package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.sim.RouterKind;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the Dynamo frontend in front of a deployment routes requests: round robin (its default,
 * {@code --router-mode round-robin}) or its KV router ({@code --router-mode kv}) with an overlap score
 * weight ({@code --kv-overlap-score-weight}, Dynamo 0.8 frontend; {@code
 * --router-kv-overlap-score-weight} from 1.0). The KV router's cost per worker is {@code weight x
 * prompt blocks still to compute + decode blocks held} (Dynamo docs, "Router Design: cost function").
 *
 * @param kind            the router
 * @param kvOverlapWeight the KV router's overlap score weight (ignored by round robin)
 */
public record Routing(RouterKind kind, double kvOverlapWeight) {
    /** Dynamo's default frontend. */
    public static final Routing ROUND_ROBIN = new Routing(RouterKind.ROUND_ROBIN, RouterKind.DEFAULT_KV_OVERLAP_WEIGHT);

    /**
     * KV-router weights the search tries when not told one: Dynamo's default 1, and 4, where one
     * pending prompt outweighs the spread of the decode blocks the workers hold so cold prompts
     * spread out instead of queueing behind each other (KvAwareRoutingTest in perfmodel: on 1000
     * prefix groups TTFT p90 98 ms at weight 1, 82 ms at 4, 84 ms round robin).
     */
    public static final List<Double> SEARCHED_KV_WEIGHTS = List.of(RouterKind.DEFAULT_KV_OVERLAP_WEIGHT, 4.0);

    public Routing {
        Objects.requireNonNull(kind, "kind");
        RouterKind.checkOverlapWeight(kvOverlapWeight);
    }

    public static Routing kv(double overlapWeight) {
        return new Routing(RouterKind.KV_AWARE, overlapWeight);
    }

    /**
     * The routers a plan tries: round robin alone unless the requests share prefixes in several
     * groups (a single prefix is cached by every worker, where no router finds more of it); then also
     * the KV router at {@code weight}, or at each of {@link #SEARCHED_KV_WEIGHTS} when null.
     */
    public static List<Routing> searched(WorkloadSpec workload, Double weight) {
        if (workload.prefixGroups() <= 1 || workload.prefixTokens() <= 0) {
            return List.of(ROUND_ROBIN);
        }
        if (weight != null) {
            return List.of(ROUND_ROBIN, kv(weight));
        }
        return List.of(ROUND_ROBIN, kv(SEARCHED_KV_WEIGHTS.get(0)), kv(SEARCHED_KV_WEIGHTS.get(1)));
    }

    public boolean kvAware() {
        return kind == RouterKind.KV_AWARE;
    }

    /** "round-robin", "kv-aware, overlap weight 4". */
    public String label() {
        return kvAware() ? String.format(Locale.ROOT, "kv-aware, overlap weight %s", weightText()) : kind.key();
    }

    /** The weight as Dynamo's flag takes it: "1.0", "4.0", "0.25". */
    public String weightText() {
        return Double.toString(kvOverlapWeight);
    }
}
