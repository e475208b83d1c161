package dev.plimsoll.gui.plan;

import dev.plimsoll.optimizer.search.Architecture;
import dev.plimsoll.optimizer.search.Proposal;

/**
 * One point of the Pareto frontier as the chart draws it.
 *
 * @param tokensPerSPerUser x: output tokens per second one request sees
 * @param tokensPerSPerGpu  y: output tokens per second per GPU
 * @param proposal          the deployment behind it
 */
public record FrontierPoint(double tokensPerSPerUser, double tokensPerSPerGpu, Proposal proposal) {
    public static FrontierPoint of(Proposal p) {
        return new FrontierPoint(p.figures().tokensPerSPerUser(), p.figures().tokensPerSPerGpu(), p);
    }

    public boolean aggregated() {
        return proposal.architecture() == Architecture.AGGREGATED;
    }

    public String label() {
        return (aggregated() ? "agg" : "disagg") + " " + proposal.describe();
    }
}
