package dev.plimsoll.cli.simulate;

import dev.plimsoll.cli.LayoutWarnings;
import dev.plimsoll.perfmodel.sim.SimulationResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What makes a run's figures mean less than they seem, one sentence each. */
public final class RunWarnings {
    private RunWarnings() {
    }

    public static List<String> of(SimulationResult r, DeploymentPlan plan, Saturation saturation) {
        Set<String> out = new LinkedHashSet<>();
        for (PoolPlan p : plan.pools()) {
            LayoutWarnings.acrossNodes(p.replica().spec().parallelism(), p.replica().spec().gpu())
                    .ifPresent(w -> out.add(p.role() + " pool: " + w));
        }
        if (r.rejectedRequests() > 0) {
            out.add(rejected(r, plan));
        }
        if (r.unfinishedRequests() > 0) {
            out.add(r.unfinishedRequests() + " requests were still in flight when --time-limit stopped the clock; "
                    + "they count as missing the SLA");
        }
        if (r.measuredRequests() == 0) {
            out.add("no request finished inside the measurement, so there are no latency, throughput or cost "
                    + "figures");
        }
        if (saturation != null && saturation.saturated()) {
            out.add(String.format(Locale.ROOT, "saturated: %.2f req/s arrived but the fleet serves about %.2f req/s, "
                            + "so its queue grew for as long as requests kept arriving and the latencies depend on "
                            + "the run's length; serve at most %.2f req/s or add replicas", saturation.offeredPerS(),
                    saturation.servedPerS(), saturation.servedPerS()));
        }
        return new ArrayList<>(out);
    }

    /** Requests refused on arrival: longer than one rank's KV cache. */
    private static String rejected(SimulationResult r, DeploymentPlan plan) {
        PoolPlan smallest = plan.pools().get(0);
        for (PoolPlan p : plan.pools()) {
            if (p.engine().kvCapacityTokens() < smallest.engine().kvCapacityTokens()) {
                smallest = p;
            }
        }
        return String.format(Locale.ROOT, "%d of %d requests were refused on arrival: a request keeps its prompt "
                        + "and output tokens in one rank's KV cache, and these needed more than the %,d tokens a "
                        + "rank of the %s pool holds (%s); use a wider --tp or --pp, --kv-dtype fp8, or shorter "
                        + "requests", r.rejectedRequests(), r.requests(), smallest.engine().kvCapacityTokens(),
                smallest.role(), smallest.replica().spec().parallelism() + " on " + smallest.replica().spec().gpu().id());
    }
}
