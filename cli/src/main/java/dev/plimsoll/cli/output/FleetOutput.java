package dev.plimsoll.cli.output;

import dev.plimsoll.optimizer.fleet.FleetResult;
import dev.plimsoll.optimizer.artifacts.PlanJson;
import dev.plimsoll.optimizer.fleet.GpuStock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code plimsoll fleet} as a table or as JSON with snake_case keys. */
public final class FleetOutput {
    private FleetOutput() {
    }

    public static String table(FleetResult r, List<GpuStock> stocks) {
        StringBuilder sb = new StringBuilder();
        sb.append("inventory:");
        for (GpuStock s : stocks) {
            sb.append(String.format(Locale.ROOT, " %s x%d (%.2f USD/h)", s.type(), s.count(),
                    s.gpu().pricePerGpuHourUsd()));
        }
        sb.append(String.format(Locale.ROOT, "%nsolved and confirmed in %d ms%n%n", r.solveMs()));
        // 100 columns: unmet demand is the rate less what is carried (said per workload below), and
        // the token budget of each deployment is in the JSON (max_num_batched_tokens)
        TextTable t = new TextTable("workload", "req/s", "carried", "deployment", "GPUs", "USD/h", "sim TTFT",
                "sim ITL", "SLA").rightAlign(1, 2, 4, 5, 6, 7);
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            if (w.deployments().isEmpty()) {
                t.row(w.name(), fmt(w.rate()), fmt(w.capacity()), "-", 0, "0.00", "-", "-", "-");
            }
            boolean first = true;
            for (FleetResult.Deployed d : w.deployments()) {
                t.row(first ? w.name() : "", first ? fmt(w.rate()) : "", first ? fmt(w.capacity()) : "",
                        d.replicas() + " x " + deployment(d), d.gpus(),
                        String.format(Locale.ROOT, "%.2f", d.costPerHour()),
                        d.slaMet() ? String.format(Locale.ROOT, "%.0f ms", d.simulatedTtftMs()) : "-",
                        d.slaMet() ? String.format(Locale.ROOT, "%.1f ms", d.simulatedItlMs()) : "-",
                        d.slaMet() ? (d.confirmedRate() < d.offeredRate() - 1e-6
                                ? String.format(Locale.ROOT, "met at %.2f/s", d.confirmedRate()) : "met")
                                : "not confirmed");
                first = false;
            }
        }
        sb.append(t.render());
        sb.append("\nGPUs used:");
        for (Map.Entry<String, Integer> e : r.gpusUsed().entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %d/%d", e.getKey(), e.getValue(), r.inventory().get(e.getKey())));
        }
        sb.append(String.format(Locale.ROOT, "%ntotal %.2f USD/h; unmet demand %.2f req/s%n", r.costPerHour(),
                r.unmetTotal()));
        sb.append("\nscore by constraint:\n");
        for (String line : r.explanation()) {
            sb.append(Wrap.prefixed("  ", line, Wrap.WIDTH));
        }
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            if (!w.reason().isEmpty()) {
                sb.append(Wrap.prefixed(String.format(Locale.ROOT, "unmet %s: %.2f req/s: ", w.name(), w.unmet()),
                        w.reason(), Wrap.WIDTH));
            }
        }
        return sb.toString();
    }

    /** A deployment as the table names it: GPU, layout, weights, KV cache, engine (no token budget). */
    private static String deployment(FleetResult.Deployed d) {
        var c = d.option().engine().candidate();
        return c.gpu().id() + " " + c.parallelism() + " " + c.quant().name() + " kv " + c.quant().kvCache().key() + " "
                + c.backend().id() + (c.speculative().enabled() ? " spec " + c.speculative().draftTokens() : "");
    }

    public static Map<String, Object> json(FleetResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("solver_score", r.score());
        m.put("explanation", r.explanation());
        m.put("solve_ms", r.solveMs());
        m.put("cost_per_hour", Json.round(r.costPerHour(), 2));
        m.put("unmet_requests_per_s", Json.round(r.unmetTotal(), 3));
        m.put("gpus_used", r.gpusUsed());
        m.put("inventory", r.inventory());
        List<Object> use = new ArrayList<>();
        for (FleetResult.InventoryUse u : r.inventoryUse()) {
            Map<String, Object> um = new LinkedHashMap<>();
            um.put("gpu", u.gpuType());
            um.put("used", u.used());
            um.put("available", u.available());
            um.put("binding", u.binding());
            um.put("by_workload", u.users());
            use.add(um);
        }
        m.put("inventory_use", use);
        List<Object> ws = new ArrayList<>();
        for (FleetResult.WorkloadAllocation w : r.workloads()) {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("name", w.name());
            wm.put("requests_per_s", w.rate());
            wm.put("capacity_requests_per_s", Json.round(w.capacity(), 3));
            wm.put("unmet_requests_per_s", Json.round(w.unmet(), 3));
            if (!w.reason().isEmpty()) {
                wm.put("reason", w.reason());
            }
            List<Object> ds = new ArrayList<>();
            for (FleetResult.Deployed d : w.deployments()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                var c = d.option().engine().candidate();
                dm.put("gpu", c.gpu().id());
                dm.put("tp", c.parallelism().tp());
                dm.put("pp", c.parallelism().pp());
                dm.put("ep", c.parallelism().ep());
                dm.put("dp", c.parallelism().dp());
                dm.put("quant", c.quant().name());
                dm.put("kv_cache_dtype", c.quant().kvCache().key());
                dm.put("max_num_batched_tokens", c.tokenBudget());
                dm.put("max_num_seqs", d.option().maxRunning());
                dm.put("replicas", d.replicas());
                dm.put("gpus", d.gpus());
                dm.put("requests_per_s_per_replica", Json.round(d.option().ratePerReplica(), 3));
                dm.put("cost_per_hour", Json.round(d.costPerHour(), 2));
                dm.put("analytic_requests_per_s", Json.round(d.analyticRate(), 3));
                dm.put("confirmed_requests_per_s", Json.round(d.confirmedRate(), 3));
                dm.put("simulated_ttft_ms", Json.round(d.simulatedTtftMs(), 2));
                dm.put("simulated_itl_ms", Json.round(d.simulatedItlMs(), 3));
                dm.put("sla_met", d.slaMet());
                dm.put("confidence", d.confidence() == null ? null : PlanJson.confidence(d.confidence()));
                ds.add(dm);
            }
            wm.put("deployments", ds);
            ws.add(wm);
        }
        m.put("workloads", ws);
        return m;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
