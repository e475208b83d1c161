package dev.plimsoll.optimizer.artifacts;

import dev.plimsoll.optimizer.search.Confidence;
import dev.plimsoll.optimizer.search.EngineCandidate;
import dev.plimsoll.optimizer.search.Figures;
import dev.plimsoll.optimizer.search.PoolPlan;
import dev.plimsoll.optimizer.search.Proposal;
import dev.plimsoll.perfmodel.sim.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Configurations as CSV, one row each: figures (simulated and analytic), cost, and every pool's layout. */
public final class CsvExport {
    static final List<String> ROLES = List.of(PoolPlan.AGGREGATED, PoolPlan.PREFILL, PoolPlan.DECODE);
    static final List<String> POOL_COLUMNS = List.of("gpu", "workers", "tp", "pp", "ep", "dp", "quant",
            "kv_cache_dtype", "max_num_seqs", "max_num_batched_tokens", "cuda_graph_max_bs");

    private CsvExport() {
    }

    public static String csv(List<Proposal> proposals) {
        List<String> header = new ArrayList<>(List.of("rank", "mode", "layout", "gpus", "replicas",
                "tokens_per_s_per_gpu", "tokens_per_s_per_user", "ttft_ms", "tpot_ms", "itl_ms", "e2e_ms",
                "requests_per_s", "cost_per_hour", "cost_per_million_tokens", "confirmed", "analytic_ttft_ms",
                "analytic_tpot_ms", "analytic_itl_ms",
                "analytic_tokens_per_s_per_gpu", "analytic_tokens_per_s_per_user", "bottleneck", "limit",
                "ttft_ci_low_ms", "ttft_ci_high_ms", "itl_ci_low_ms", "itl_ci_high_ms"));
        for (String role : ROLES) {
            for (String c : POOL_COLUMNS) {
                header.add(role + "_" + c);
            }
        }
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        int rank = 1;
        for (Proposal p : proposals) {
            Figures f = p.figures();
            Figures a = p.analytic();
            List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), p.architecture().key(),
                    quote(p.describe()), String.valueOf(p.gpus()), String.valueOf(p.replicas()),
                    num(f.tokensPerSPerGpu()), num(f.tokensPerSPerUser()), num(f.ttftMs()), num(f.tpotMs()), num(f.itlMs()),
                    num(f.e2eMs()), num(f.requestsPerS()), num(p.costPerHour()), num(p.costPerMillionTokens()),
                    String.valueOf(p.confirmed()), num(a.ttftMs()), num(a.tpotMs()), num(a.itlMs()), num(a.tokensPerSPerGpu()),
                    num(a.tokensPerSPerUser()), p.diagnosis() == null ? "" : p.diagnosis().bottleneck(),
                    p.diagnosis() == null ? "" : p.diagnosis().limit()));
            Confidence ci = p.confidence();
            row.addAll(List.of(ci == null ? "" : num(ci.ttft().lowMs()), ci == null ? "" : num(ci.ttft().highMs()),
                    ci == null ? "" : num(ci.itl().lowMs()), ci == null ? "" : num(ci.itl().highMs())));
            for (String role : ROLES) {
                PoolPlan pool = p.pool(role);
                if (pool == null) {
                    for (int i = 0; i < POOL_COLUMNS.size(); i++) {
                        row.add("");
                    }
                    continue;
                }
                EngineCandidate c = pool.engine().candidate();
                EngineConfig e = pool.engineConfig();
                row.addAll(List.of(c.gpu().id(), String.valueOf(pool.workers()),
                        String.valueOf(c.parallelism().tp()), String.valueOf(c.parallelism().pp()),
                        String.valueOf(c.parallelism().ep()), String.valueOf(c.parallelism().dp()), c.quant().name(),
                        c.quant().kvCache().key(), String.valueOf(e.maxRunningRequests()),
                        String.valueOf(e.maxBatchedTokens()), String.valueOf(e.cudaGraphMaxBatch())));
            }
            sb.append(String.join(",", row)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
