package dev.plimsoll.optimizer.search;

import dev.plimsoll.optimizer.pareto.ParetoFrontier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan lists besides its winners: the top configurations, one row per deployment with the
 * tuning variants that behave alike listed on it, and the Pareto frontier a user would deploy from.
 * Confirmed configurations come first; analytic ones fill in only where the simulation budget ran
 * out, and say so.
 */
final class Shortlist {
    /**
     * A frontier point may cost at most this many times the best deployment under a rate or
     * concurrency target: the frontier trades cost for speed per user, and a point several times
     * dearer for a few more tokens per second per user is a tail no one deploys.
     */
    static final double MAX_FRONTIER_COST_RATIO = 2.0;

    private final PlanRequest request;
    private final Comparator<Proposal> order;

    Shortlist(PlanRequest request) {
        this.request = request;
        this.order = Objective.of(request).thenComparing(Proposal::describe).thenComparing(Proposal::variantLabel);
    }

    /**
     * Up to {@code n} rows, one per deployment: confirmed configurations best first, then analytic
     * ones never simulated (a configuration the simulator refused is not listed).
     */
    List<Proposal> top(List<Proposal> confirmed, List<Proposal> analytic, Set<Proposal> refused, int n) {
        Map<String, Proposal> rows = new LinkedHashMap<>();
        for (Proposal p : confirmed) {
            rows.putIfAbsent(p.deploymentKey(), p);
        }
        List<Proposal> out = new ArrayList<>(rows.values());
        out.sort(order);
        Set<String> keys = new LinkedHashSet<>(rows.keySet());
        for (Proposal p : analytic) {
            if (out.size() >= n) {
                break;
            }
            if (!refused.contains(p) && keys.add(p.deploymentKey())) {
                out.add(p);
            }
        }
        return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
    }

    /**
     * The variants of each row of {@code rows}: the tuning of other configurations of the same
     * deployment that the analytic model puts within {@link #VARIANT_TOLERANCE} of the row in load
     * and in speed per user, the ones that would otherwise repeat the row.
     */
    Map<String, List<String>> variants(List<Proposal> rows, List<Proposal> all) {
        // each key built once (hundreds of proposals against each row)
        Map<String, List<Proposal>> byDeployment = new HashMap<>();
        for (Proposal p : all) {
            byDeployment.computeIfAbsent(p.deploymentKey(), k -> new ArrayList<>()).add(p);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Proposal row : rows) {
            String key = row.deploymentKey();
            String label = row.variantLabel();
            Set<String> labels = new LinkedHashSet<>();
            for (Proposal p : byDeployment.getOrDefault(key, List.of())) {
                if (near(p.analytic().requestsPerS(), row.analytic().requestsPerS())
                        && near(p.analytic().tokensPerSPerUser(), row.analytic().tokensPerSPerUser())
                        && !p.variantLabel().equals(label)) {
                    labels.add(p.variantLabel());
                }
            }
            if (!labels.isEmpty()) {
                out.put(key, new ArrayList<>(labels));
            }
        }
        return out;
    }

    /**
     * The frontier of tokens per second per user against tokens per second per dollar (per GPU when
     * one GPU type is priced: the same order), of the confirmed points and the analytic points never
     * simulated; the winners always on it; no mode whose winner the simulator did not confirm; no
     * point dearer than {@link #MAX_FRONTIER_COST_RATIO} times the best under a rate or concurrency
     * target. Tokens per second per user ascending.
     */
    List<Proposal> frontier(List<Proposal> confirmed, List<Proposal> untried, Proposal bestAgg, Proposal bestDisagg,
                            Proposal best) {
        List<Proposal> points = new ArrayList<>(confirmed);
        for (Proposal p : untried) {
            boolean modeConfirmed = p.architecture() == Architecture.AGGREGATED ? bestAgg != null : bestDisagg != null;
            if (modeConfirmed) {
                points.add(p);
            }
        }
        if (!(request.target() instanceof LoadTarget.TotalGpus) && best != null) {
            double cap = best.costPerHour() * MAX_FRONTIER_COST_RATIO;
            points.removeIf(p -> p.costPerHour() > cap + 1e-9);
        }
        List<Proposal> front = new ArrayList<>(ParetoFrontier.of(points, p -> p.figures().tokensPerSPerUser(),
                Shortlist::tokensPerDollar));
        for (Proposal w : new Proposal[] {bestAgg, bestDisagg}) {
            if (w != null && !front.contains(w)) {
                front.add(w);
            }
        }
        front.sort(Comparator.comparingDouble((Proposal p) -> p.figures().tokensPerSPerUser())
                .thenComparing(Proposal::describe));
        return front;
    }

    /** Relative difference within which two configurations of one deployment are variants of one row. */
    static final double VARIANT_TOLERANCE = 0.05;

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= VARIANT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Output tokens per second per USD per hour. */
    static double tokensPerDollar(Proposal p) {
        return p.figures().outputTokensPerS() / Math.max(1e-9, p.costPerHour());
    }
}
