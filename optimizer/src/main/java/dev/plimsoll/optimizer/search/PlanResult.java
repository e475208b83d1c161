package dev.plimsoll.optimizer.search;

import java.util.List;

/**
 * The answer to a {@link PlanRequest}.
 *
 * @param request          the question
 * @param bestAggregated   cheapest confirmed aggregated deployment (null when none or not asked)
 * @param bestAggregatedReason why it wins
 * @param bestDisaggregated cheapest confirmed disaggregated deployment (null when none or not asked)
 * @param bestDisaggregatedReason why it wins
 * @param frontier         confirmed Pareto frontier, tokens/s/user ascending
 * @param top              the best confirmed configurations, best first
 * @param searchMs         time spent searching and simulating
 * @param candidates       engine configurations enumerated
 * @param fitted           of those, configurations that fit their GPUs
 * @param proposals        deployments the analytic model found within the SLA
 * @param simulations      simulator runs
 * @param notes            what the user should know (assumptions, modes without a solution)
 */
public record PlanResult(PlanRequest request, Proposal bestAggregated, String bestAggregatedReason,
                         Proposal bestDisaggregated, String bestDisaggregatedReason, List<Proposal> frontier,
                         List<Proposal> top, long searchMs, int candidates, int fitted, int proposals,
                         int simulations, List<String> notes) {
    public PlanResult {
        frontier = List.copyOf(frontier);
        top = List.copyOf(top);
        notes = List.copyOf(notes);
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
