package dev.plimsoll.optimizer.search;

import dev.plimsoll.perfmodel.error.UserInputException;

import java.util.List;
import java.util.Locale;

/** One-line reasons a plan has no answer: the model does not fit, or an SLA is below what any layout can do. */
final class Infeasibility {
    private Infeasibility() {
    }

    static UserInputException nothingFits(PlanRequest r, List<EngineCandidate> candidates, List<String> reasons) {
        if (candidates.isEmpty()) {
            String budget = r.target() instanceof LoadTarget.TotalGpus ? " within " + r.target().describe() : "";
            return new UserInputException("no layout of " + r.model().id() + " on " + gpuIds(r) + budget
                    + " divides the model (heads, KV heads, layers, experts)");
        }
        String reason = "";
        if (!reasons.isEmpty()) {
            // the last candidate is the widest layout; its memory message starts by naming model and GPU again
            String last = reasons.get(reasons.size() - 1);
            int with = last.indexOf(" with ");
            reason = " (" + (with >= 0 ? last.substring(with + 6) : last) + ")";
        }
        return new UserInputException(r.model().id() + " does not fit on " + gpuIds(r) + " in any layout of up to "
                + maxGpus(candidates) + " GPUs" + reason);
    }

    static SlaUnmetException noProposal(PlanRequest r, List<BuiltEngine> engines, AnalyticSearch.Found found) {
        AnalyticSearch.Floors f = found.floors();
        SlaTarget sla = r.sla();
        double headroom = SlaTarget.ANALYTIC_HEADROOM;
        if (sla.ttftMs() * headroom < f.ttftMs()) {
            return new SlaUnmetException(String.format(Locale.ROOT,
                    "TTFT p%d <= %s ms is below or within 5%% of the physical floor of %.1f ms: the prefill of one"
                            + " %d-token prompt alone on the fastest layout (%s)", sla.percentile(), num(sla.ttftMs()), f.ttftMs(),
                    r.workload().inputQuantile(sla.quantile()), f.ttftEngine()));
        }
        if (sla.tokenMs() * headroom < f.itlMs()) {
            String metric = sla.tpotMs() < sla.itlMs() ? "TPOT" : "ITL";
            return new SlaUnmetException(String.format(Locale.ROOT,
                    "%s p%d <= %s ms is below or within 5%% of the physical floor of %.2f ms: one decode step of a"
                            + " single request on the fastest layout (%s)", metric, sla.percentile(),
                    num(sla.tokenMs()), f.itlMs(), f.itlEngine()));
        }
        if (r.target() instanceof LoadTarget.TotalGpus) {
            int smallest = Integer.MAX_VALUE;
            for (BuiltEngine e : engines) {
                smallest = Math.min(smallest, e.gpus());
            }
            return new SlaUnmetException("no configuration within " + r.target().describe() + " meets "
                    + sla.describe() + " (the smallest layout that fits uses " + smallest
                    + " GPUs; a disaggregated one needs a prefill and a decode worker)");
        }
        return new SlaUnmetException("no configuration of " + r.model().id() + " on " + gpuIds(r) + " meets "
                + sla.describe() + " at " + r.target().describe() + " for " + r.workload().description()
                + ": each bound is above its floor (TTFT " + String.format(Locale.ROOT, "%.1f", f.ttftMs())
                + " ms, one decode step " + String.format(Locale.ROOT, "%.2f", f.itlMs())
                + " ms) but no layout meets both at once; relax one bound or allow more layouts");
    }

    static SlaUnmetException noneConfirmed(PlanRequest r, List<Proposal> all) {
        Proposal best = all.get(0);
        return new SlaUnmetException("the analytic model found " + all.size() + " configurations within "
                + r.sla().describe() + " but the simulator confirmed none (best analytic: " + best.describe()
                + "); the SLA is at the edge of what these GPUs can do: relax it slightly");
    }

    private static String gpuIds(PlanRequest r) {
        StringBuilder sb = new StringBuilder();
        for (var g : r.gpus()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(g.id());
        }
        return sb.toString();
    }

    private static int maxGpus(List<EngineCandidate> candidates) {
        int max = 0;
        for (EngineCandidate c : candidates) {
            max = Math.max(max, c.gpus());
        }
        return max;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
