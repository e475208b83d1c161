package dev.plimsoll.cli.output;

import dev.plimsoll.perfmodel.estimate.Estimate;
import dev.plimsoll.perfmodel.estimate.EstimateRequest;
import dev.plimsoll.perfmodel.estimate.OpTiming;
import dev.plimsoll.perfmodel.memory.MemoryBreakdown;

import java.util.List;
import java.util.Locale;

/** Human-readable {@code plimsoll estimate} output. */
public final class EstimateTable {
    private EstimateTable() {
    }

    public static String render(EstimateRequest r, Estimate e, boolean detail) {
        return render(r, e, detail, List.of());
    }

    /** With the command's warnings, each wrapped to 100 columns after the notes. */
    public static String render(EstimateRequest r, Estimate e, boolean detail, List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %d x %s (%s), %s, quant %s (linear %s, experts %s, kv %s)%n",
                r.model().id(), e.gpus(), r.gpu().id(), r.parallelism(), r.backend().id(), e.quant().scheme().name(),
                e.quant().linear().tableLabel(), e.quant().experts().tableLabel(), e.quant().kvCache().key()));
        sb.append(String.format(Locale.ROOT, "batch %d per rank, ISL %d, OSL %d, %s%n%n", r.batch(), r.isl(), r.osl(),
                r.cudaGraph() ? "CUDA graphs <= " + e.cudaGraphMaxBatch() : "eager"));
        TextTable t = new TextTable("metric", "value").rightAlign(1);
        t.row("prefill (1 request)", ms(e.prefillMs()));
        t.row("decode step", ms(e.decodeStepMs()));
        t.row("TTFT", ms(e.ttftMs()));
        // a steady request's mean gap after its first token: TPOT (the mean ITL), not an ITL percentile
        t.row("TPOT (mean ITL)", ms(e.itlMs()));
        t.row("throughput", String.format(Locale.ROOT, "%.1f tok/s", e.throughputTokensPerS()));
        t.row("per GPU", String.format(Locale.ROOT, "%.1f tok/s", e.tokensPerSPerGpu()));
        t.row("per user", String.format(Locale.ROOT, "%.1f tok/s", e.tokensPerSPerUser()));
        t.row("KV capacity", e.kvCapacityTokens() + " tokens");
        t.row("max batch at ISL+OSL", e.maxBatch());
        sb.append(t.render()).append('\n');
        sb.append(Wrap.prefixed("", memory(e.memory()).strip(), Wrap.WIDTH));
        for (String note : EstimateJson.notes(r, e)) {
            sb.append(Wrap.prefixed("note: ", note, Wrap.WIDTH));
        }
        for (String w : warnings) {
            sb.append(Wrap.prefixed("warning: ", w, Wrap.WIDTH));
        }
        if (detail) {
            sb.append('\n');
            TextTable ops = new TextTable("phase", "op", "calls", "ms", "GFLOP", "MB", "bound", "provenance")
                    .rightAlign(2, 3, 4, 5);
            for (OpTiming o : e.ops()) {
                ops.row(o.phase().key(), o.name(), o.calls(), String.format(Locale.ROOT, "%.4f", o.ms()),
                        String.format(Locale.ROOT, "%.2f", o.flops() / 1e9),
                        String.format(Locale.ROOT, "%.2f", o.bytes() / 1e6), o.bound().key(), o.provenance().key());
            }
            sb.append(ops.render());
        }
        return sb.toString();
    }

    static String memory(MemoryBreakdown m) {
        return String.format(Locale.ROOT,
                "memory per GPU: weights %.2f GB + KV cache %.2f GB + activations %.2f GB + reserved %.2f GB "
                        + "= %.2f GB of %.2f GB%n",
                m.weightsBytes() / 1e9, m.kvCacheBytes() / 1e9, m.activationBytes() / 1e9, m.reservedBytes() / 1e9,
                m.totalBytes() / 1e9, m.capacityBytes() / 1e9);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f ms", v);
    }
}
