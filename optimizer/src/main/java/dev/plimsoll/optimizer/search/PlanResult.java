package dev.plimsoll.optimizer.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link PlanRequest}.
 *
 * @param request          the question
 * @param bestAggregated   cheapest confirmed aggregated deployment (null when none or not asked)
 * @param bestAggregatedReason why it wins
 * @param bestDisaggregated cheapest confirmed disaggregated deployment (null when none or not asked)
 * @param bestDisaggregatedReason why it wins
 * @param frontier         Pareto frontier, tokens/s/user ascending: confirmed points, and analytic ones
 *                         (not {@link Proposal#confirmed()}) where the simulation budget ran out
 * @param top              one row per deployment: confirmed configurations best first, then analytic
 *                         ones never simulated
 * @param searchMs         time spent searching and simulating
 * @param candidates       engine configurations enumerated
 * @param fitted           of those, configurations that fit their GPUs
 * @param proposals        deployments the analytic model found within the SLA
 * @param simulations      simulator runs
 * @param notes            what the user should know (assumptions, modes without a solution)
 * @param variants         per {@link Proposal#deploymentKey()} of a top row: the tuning variants
 *                         (token budget, chunking, KV dtype) of the same deployment that the search
 *                         also found
 */
public record PlanResult(PlanRequest request, Proposal bestAggregated, String bestAggregatedReason,
                         Proposal bestDisaggregated, String bestDisaggregatedReason, List<Proposal> frontier,
                         List<Proposal> top, long searchMs, int candidates, int fitted, int proposals,
                         int simulations, List<String> notes, Map<String, List<String>> variants) {
    public PlanResult {
        frontier = List.copyOf(frontier);
        top = List.copyOf(top);
        notes = List.copyOf(notes);
        variants = Map.copyOf(variants);
    }

    /** The variants listed on the row of {@code p}; empty when none. */
    public List<String> variantsOf(Proposal p) {
        return variants.getOrDefault(p.deploymentKey(), List.of());
    }

    /** The better of the two winners under the plan's objective. */
    public Proposal best() {
        if (bestAggregated == null) {
            return bestDisaggregated;
        }
        if (bestDisaggregated == null) {
            return bestAggregated;
        }
        return Objective.of(request).compare(bestAggregated, bestDisaggregated) <= 0 ? bestAggregated
                : bestDisaggregated;
    }
}
