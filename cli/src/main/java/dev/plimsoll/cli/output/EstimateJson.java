package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented JSON of {@code plimsoll estimate}: snake_case keys, times in ms, sizes in bytes. */
public final class EstimateJson {
    private EstimateJson() {
    }

    public static Map<String, Object> of(EstimateRequest r, Estimate e, boolean detail) {
        return of(r, e, detail, List.of());
    }

    /**
     * The estimator's notes, less the one about a batch above the KV limit when the command warns
     * about it instead ({@code EstimateCommand.warnings}).
     */
    static List<String> notes(EstimateRequest r, Estimate e) {
        if (r.batch() <= e.maxBatch()) {
            return e.notes();
        }
        String kvNote = "batch " + r.batch() + " exceeds the " + e.maxBatch() + " requests";
        return e.notes().stream().filter(n -> !n.startsWith(kvNote)).toList();
    }

    /** With the command's warnings (batch above the KV limit, tensor parallelism across nodes). */
    public static Map<String, Object> of(EstimateRequest r, Estimate e, boolean detail, List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model().id());
        m.put("gpu", r.gpu().id());
        m.put("backend", r.backend().id());
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("tp", r.parallelism().tp());
        layout.put("pp", r.parallelism().pp());
        layout.put("ep", r.parallelism().ep());
        layout.put("dp", r.parallelism().dp());
        m.put("layout", layout);
        Map<String, Object> quant = new LinkedHashMap<>();
        quant.put("scheme", e.quant().scheme().name());
        quant.put("linear", e.quant().linear().tableLabel());
        quant.put("experts", e.quant().experts().tableLabel());
        quant.put("kv_cache", e.quant().kvCache().key());
        m.put("quant", quant);
        m.put("batch", r.batch());
        m.put("isl", r.isl());
        m.put("osl", r.osl());
        m.put("cuda_graph", r.cudaGraph());
        m.put("cuda_graph_max_bs", e.cudaGraphMaxBatch());
        m.put("prefill_ms", Json.round(e.prefillMs(), 4));
        m.put("decode_step_ms", Json.round(e.decodeStepMs(), 4));
        m.put("ttft_ms", Json.round(e.ttftMs(), 4));
        // the mean time per output token: TPOT as vLLM bench and Dynamo define it (a request's mean gap);
        // itl_ms is its name before one vocabulary, the same figure, kept for one release
        m.put("tpot_ms", Json.round(e.itlMs(), 4));
        m.put("itl_ms", Json.round(e.itlMs(), 4));
        m.put("throughput_tokens_per_s", Json.round(e.throughputTokensPerS(), 2));
        m.put("tokens_per_s_per_gpu", Json.round(e.tokensPerSPerGpu(), 2));
        m.put("tokens_per_s_per_user", Json.round(e.tokensPerSPerUser(), 2));
        m.put("gpus", e.gpus());
        m.put("memory", memory(e.memory()));
        m.put("kv_capacity_tokens", e.kvCapacityTokens());
        m.put("max_batch", e.maxBatch());
        m.put("notes", notes(r, e));
        m.put("warnings", warnings);
        if (detail) {
            List<Map<String, Object>> ops = new ArrayList<>();
            for (OpTiming o : e.ops()) {
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("name", o.name());
                op.put("phase", o.phase().key());
                op.put("ms", Json.round(o.ms(), 6));
                op.put("flops", o.flops());
                op.put("bytes", o.bytes());
                op.put("bound", o.bound().key());
                op.put("provenance", o.provenance().key());
                op.put("calls", o.calls());
                ops.add(op);
            }
            m.put("ops", ops);
        }
        return m;
    }

    static Map<String, Object> memory(MemoryBreakdown mem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights_bytes", mem.weightsBytes());
        m.put("kv_cache_bytes", mem.kvCacheBytes());
        m.put("activation_bytes", mem.activationBytes());
        m.put("reserved_bytes", mem.reservedBytes());
        m.put("total_bytes", mem.totalBytes());
        m.put("capacity_bytes", mem.capacityBytes());
        return m;
    }
}
