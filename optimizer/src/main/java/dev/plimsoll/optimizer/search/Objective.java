package dev.plimsoll.optimizer.search;

import java.util.Comparator;

/**
 * Orders proposals best first: under a rate or concurrency target the cheapest per hour (ties: the
 * fewest GPUs, then the fastest per user); under a GPU budget the most requests served (then the
 * cheapest, the fewest GPUs, the fastest per user). Uses confirmed figures where there are some, so
 * a repaired configuration is compared as repaired.
 */
public final class Objective {
    private Objective() {
    }

    public static Comparator<Proposal> of(PlanRequest r) {
        Comparator<Proposal> cost = Comparator.comparingDouble(p -> round(p.costPerHour()));
        Comparator<Proposal> user = Comparator.comparingDouble(p -> -p.figures().tokensPerSPerUser());
        Comparator<Proposal> gpus = Comparator.comparingInt(Proposal::gpus);
        Comparator<Proposal> ttft = Comparator.comparingDouble(p -> p.figures().ttftMs());
        if (r.target() instanceof LoadTarget.TotalGpus) {
            Comparator<Proposal> served = Comparator.comparingDouble(p -> -round(p.figures().requestsPerS()));
            return served.thenComparing(cost).thenComparing(gpus).thenComparing(user).thenComparing(ttft);
        }
        return cost.thenComparing(gpus).thenComparing(user).thenComparing(ttft);
    }

    /** Equal within a millionth, so float noise does not decide ties. */
    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
