package dev.plimsoll.profiler.plan;

import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A plan as the dry run prints it: a readable summary, or every point as JSON-ready maps. */
public final class PlanSummary {
    private PlanSummary() {
    }

    public static String text(KernelPlan plan, GpuSpec gpu) {
        StringBuilder sb = new StringBuilder();
        sb.append("profile plan (").append(plan.depth().name().toLowerCase(Locale.ROOT)).append(") on ")
                .append(gpu.id()).append(": ").append(plan.size()).append(" points\n");
        plan.layouts().forEach(l -> sb.append("  ").append(l).append('\n'));
        Map<String, List<String>> shapes = new TreeMap<>();
        plan.gemms().stream().filter(g -> g.m() == plan.depth().gemmTokens().get(0)).forEach(g ->
                shapes.computeIfAbsent(g.dtype(), d -> new java.util.ArrayList<>()).add(g.n() + "x" + g.k()));
        sb.append(String.format(Locale.ROOT, "GEMMs (cuBLASLt): %d points, m in %s%n", plan.gemms().size(),
                range(plan.depth().gemmTokens())));
        shapes.forEach((d, s) -> sb.append("  ").append(d).append(" n x k: ").append(String.join(", ", s))
                .append('\n'));
        sb.append(String.format(Locale.ROOT, "decode attention (PyTorch's FlashAttention for bf16 KV where installed, "
                + "else our paged kernel): %d points over heads %s, KV %s%n",
                plan.decodes().size(), plan.decodes().stream().map(d -> d.heads().toString()).distinct()
                        .collect(Collectors.joining(", ")),
                plan.decodes().stream().map(DecodePoint::kvDtype).distinct().collect(Collectors.joining(", "))));
        sb.append(String.format(Locale.ROOT, "prefill attention (PyTorch SDPA where installed): %d points%n",
                plan.prefills().size()));
        sb.append(String.format(Locale.ROOT, "element-wise (RMSNorm, SiLU-and-multiply): %d points%n",
                plan.elementwise().size()));
        sb.append("HBM bandwidth: read and copy of ").append(plan.bandwidthBytes().stream()
                .map(b -> (b >> 20) + " MiB").collect(Collectors.joining(", "))).append('\n');
        double s = PlanTimeEstimate.seconds(plan, gpu);
        sb.append(String.format(Locale.ROOT, "estimated time: %s (%s of it building the kernels on first use)%n",
                minutes(s), minutes(PlanTimeEstimate.COMPILE_S)));
        if (!plan.notes().isEmpty()) {
            sb.append("not profiled:\n");
            plan.notes().forEach(n -> sb.append("  - ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Every point, snake_case keys (the dry run's --output json). */
    public static Map<String, Object> json(KernelPlan plan, GpuSpec gpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("depth", plan.depth().name().toLowerCase(Locale.ROOT));
        m.put("gpu", gpu.id());
        m.put("layouts", plan.layouts());
        m.put("points", plan.size());
        m.put("estimated_seconds", Math.round(PlanTimeEstimate.seconds(plan, gpu)));
        m.put("gemms", plan.gemms().stream().map(g -> Map.of("dtype", g.dtype(), "m", g.m(), "n", g.n(), "k", g.k()))
                .toList());
        m.put("decode_attention", plan.decodes().stream().map(d -> Map.of("num_heads", d.heads().heads(),
                "num_key_value_heads", d.heads().kvHeads(), "head_dim", d.heads().headDim(), "kv_cache_dtype",
                d.kvDtype(), "batch_size", d.batch(), "step", d.step())).toList());
        m.put("prefill_attention", plan.prefills().stream().map(p -> Map.of("num_heads", p.heads().heads(),
                "num_key_value_heads", p.heads().kvHeads(), "head_dim", p.heads().headDim(), "batch_size", p.batch(),
                "isl", p.isl())).toList());
        m.put("elementwise", plan.elementwise().stream().map(e -> Map.of("kernel", e.kind().key(), "rows", e.rows(),
                "width", e.width())).toList());
        m.put("bandwidth_bytes", plan.bandwidthBytes());
        m.put("notes", plan.notes());
        return m;
    }

    private static String range(List<Long> values) {
        return values.get(0) + ".." + values.get(values.size() - 1) + " (" + values.size() + " values)";
    }

    static String minutes(double s) {
        long t = Math.round(s);
        return t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
