package dev.plimsoll.perfmodel.estimate;

import dev.plimsoll.perfmodel.cost.CostModelProvider;

/** Answers {@code plimsoll estimate}: step latencies, serving figures and memory of one layout. */
public final class Estimator {
    private final CostModelProvider costModels;

    public Estimator(CostModelProvider costModels) {
        this.costModels = costModels;
    }

    public Estimate estimate(EstimateRequest request) {
        throw new UnsupportedOperationException("in progress: " + costModels + request);
    }
}
