package dev.plimsoll.profiler.plan;

import dev.plimsoll.perfmodel.error.UserInputException;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.ops.OperatorGraph;
import dev.plimsoll.perfmodel.ops.StepBatch;
import dev.plimsoll.perfmodel.parallel.LayoutValidator;
import dev.plimsoll.perfmodel.parallel.Parallelism;
import dev.plimsoll.perfmodel.specs.ModelSpec;
import dev.plimsoll.perfmodel.specs.NumberFormat;
import dev.plimsoll.perfmodel.specs.QuantPresets;
import dev.plimsoll.perfmodel.specs.QuantResolver;
import dev.plimsoll.perfmodel.specs.QuantScheme;
import dev.plimsoll.perfmodel.specs.ResolvedQuant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives a kernel plan from models and layouts: the operator graph of each model at each
 * tensor-parallel size gives the per-GPU weight shapes, attention heads and element-wise widths
 * that {@code plan} and {@code simulate} will look up; the depth gives the token counts, lengths
 * and batches each is measured at.
 */
public final class PlanBuilder {
    /** Head dimensions the paged decode kernel is built for (paged_decode.cu). */
    public static final List<Integer> DECODE_HEAD_DIMS = List.of(64, 128, 256);
    /** Buffer sizes of the bandwidth measurements: far past any L2 (H100/H200 50 MB, B200 126 MB). */
    static final List<Long> BANDWIDTH_BYTES = List.of(1L << 30, 4L << 30);
    /** Representative steps whose ops name every shape: a prompt chunk and a decode batch. */
    private static final List<StepBatch> PROBES = List.of(StepBatch.prefill(1, 512), StepBatch.decode(8, 1024));

    private PlanBuilder() {
    }

    public static KernelPlan build(PlanRequest r) {
        if (r.models().isEmpty()) {
            throw new UserInputException("--model: name at least one model");
        }
        Collector c = new Collector(r.depth());
        List<String> layouts = new ArrayList<>();
        for (ModelSpec model : r.models()) {
            for (int tp : r.tensorParallel()) {
                if (tp < 1) {
                    throw new UserInputException("--tp must be >= 1, got " + tp);
                }
                Parallelism p = Parallelism.tp(tp);
                List<String> problems = LayoutValidator.problems(model, p);
                if (!problems.isEmpty()) {
                    c.notes.add("skipped " + model.id() + " tp" + tp + ": " + String.join("; ", problems));
                    continue;
                }
                for (QuantScheme preset : schemes(r, model)) {
                    for (Optional<String> kv : kvCaches(r)) {
                        QuantScheme scheme = kv.isPresent() ? preset.withKvCache(QuantPresets.kvCache(kv.get()))
                                : preset;
                        ResolvedQuant quant = QuantResolver.resolve(scheme, r.gpu());
                        OperatorGraph graph = new OperatorGraph(model, r.gpu(), p, quant);
                        layouts.add(model.id() + " tp" + tp + " (linear " + quant.linear().tableLabel() + ", kv "
                                + kvLabel(quant.kvCache()) + ")");
                        for (StepBatch b : PROBES) {
                            for (Op op : graph.ops(b)) {
                                c.add(model.id(), op, b.tokens());
                            }
                        }
                    }
                }
            }
        }
        if (layouts.isEmpty()) {
            throw new UserInputException("no model and --tp given fit together: " + String.join("; ", c.notes));
        }
        for (long[] nk : r.extraWeights()) {
            if (nk.length != 2 || nk[0] <= 0 || nk[1] <= 0) {
                throw new UserInputException("--extra-gemm: expected NxK with positive sizes");
            }
            // in every GEMM type the models' own shapes are measured in
            for (String dtype : c.weights.stream().map(Weight::dtype).distinct().toList()) {
                c.weights.add(new Weight(dtype, nk[0], nk[1]));
            }
        }
        return c.plan(layouts);
    }

    /** The quantisations to plan a model under: each of a comma-separated --quant, else the checkpoint's own. */
    static List<QuantScheme> schemes(PlanRequest r, ModelSpec model) {
        if (r.quant().isEmpty()) {
            return List.of(model.defaultQuant());
        }
        List<QuantScheme> out = new ArrayList<>();
        for (String name : r.quant().get().split(",")) {
            if (name.isBlank()) {
                throw new UserInputException("--quant " + r.quant().get() + ": an empty name in the list");
            }
            out.add(QuantPresets.get(name.strip()));
        }
        return out;
    }

    /** Each of a comma-separated --kv-dtype (bf16,fp8 plans both caches), else the checkpoint's own (empty). */
    static List<Optional<String>> kvCaches(PlanRequest r) {
        if (r.kvDtype().isEmpty()) {
            return List.of(Optional.empty());
        }
        List<Optional<String>> out = new ArrayList<>();
        for (String name : r.kvDtype().get().split(",", -1)) {
            if (name.isBlank()) {
                throw new UserInputException("--kv-dtype " + r.kvDtype().get() + ": an empty name in the list");
            }
            out.add(Optional.of(name.strip()));
        }
        return out;
    }

    static String kvLabel(NumberFormat kv) {
        return kv == NumberFormat.FP8 ? DecodePoint.FP8 : DecodePoint.BF16;
    }

    private record Weight(String dtype, long n, long k) implements Comparable<Weight> {
        @Override
        public int compareTo(Weight o) {
            int c = dtype.compareTo(o.dtype);
            c = c != 0 ? c : Long.compare(n, o.n);
            return c != 0 ? c : Long.compare(k, o.k);
        }
    }

    /** The distinct shapes of every probed op. */
    private static final class Collector {
        final ProfileDepth depth;
        final Set<Weight> weights = new TreeSet<>();
        final Set<AttentionHeads> heads = new TreeSet<>();
        final Set<String> kvDtypes = new TreeSet<>();
        final Set<Integer> normWidths = new TreeSet<>();
        final Set<Integer> activationWidths = new TreeSet<>();
        final Set<String> notes = new LinkedHashSet<>();

        Collector(ProfileDepth depth) {
            this.depth = depth;
        }

        void add(String model, Op op, long tokens) {
            switch (op.kind()) {
                case GEMM -> gemm(model, op);
                case ATTENTION_PREFILL, ATTENTION_DECODE -> attention(model, op);
                case ELEMENTWISE -> elementwise(op, tokens);
                case MOE -> notes.add(model + ": MoE expert blocks are not profiled (no grouped-GEMM benchmark yet); "
                        + "a profiled bundle prices them by the roofline");
                case MLA_PREFILL, MLA_DECODE -> notes.add(model + ": MLA attention is not profiled; a profiled bundle "
                        + "prices it by the roofline");
                case GDN_CONV, GDN_PREFILL, GDN_DECODE -> notes.add(model + ": gated DeltaNet kernels are not "
                        + "profiled; a profiled bundle prices them by the roofline");
                case DSA_PREFILL, DSA_DECODE, DSA_INDEXER, DSA_TOPK -> notes.add(model + ": sparse attention kernels "
                        + "are not profiled; a profiled bundle prices them by the roofline");
                case ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL -> notes.add("collectives are not profiled "
                        + "(one GPU); a profiled bundle prices them by the roofline");
                default -> {
                }
            }
        }

        private void gemm(String model, Op op) {
            if (!(op.shape() instanceof OpShape.Gemm g) || g.n() <= 0 || g.k() <= 0) {
                return;
            }
            String label = g.precision().tableLabel();
            if (GemmDtypes.measurable(label)) {
                weights.add(new Weight(label, g.n(), g.k()));
            } else {
                notes.add(model + ": " + label + " GEMMs (" + op.name() + ") are not measured (no cuBLASLt benchmark "
                        + "for them); the calibration reads the bf16 curves for them");
            }
            weights.add(new Weight(GemmDtypes.BF16, g.n(), g.k()));
            if (depth == ProfileDepth.FULL) {
                weights.add(new Weight(GemmDtypes.FP8, g.n(), g.k()));
            }
        }

        private void attention(String model, Op op) {
            if (!(op.shape() instanceof OpShape.Attention a)) {
                return;
            }
            if (!a.window().isFull()) {
                notes.add(model + ": sliding-window and chunked attention layers are not measured (the calibration "
                        + "transfers the full-attention curves to them)");
                return;
            }
            if (!DECODE_HEAD_DIMS.contains(a.headDim())) {
                notes.add(model + ": head dimension " + a.headDim() + " has no decode kernel (built for "
                        + DECODE_HEAD_DIMS + ")");
                return;
            }
            heads.add(new AttentionHeads(a.heads(), a.kvHeads(), a.headDim()));
            kvDtypes.add(kvLabel(a.kvCache()));
            if (depth == ProfileDepth.FULL) {
                kvDtypes.add(DecodePoint.BF16);
                kvDtypes.add(DecodePoint.FP8);
            }
        }

        private void elementwise(Op op, long tokens) {
            if (!(op.shape() instanceof OpShape.Elementwise e) || tokens <= 0) {
                return;
            }
            long width = e.elements() / tokens;
            if (width <= 0 || width % 8 != 0 || width > Integer.MAX_VALUE) {
                return;
            }
            // the per-layer norms run over every token (the final norm only over the sampled ones)
            if (op.name().equals("input_norm") || op.name().equals("post_attention_norm")) {
                normWidths.add((int) width);
            } else if (op.name().endsWith("_act")) {
                activationWidths.add((int) width);
            }
        }

        KernelPlan plan(List<String> layouts) {
            List<GemmPoint> gemms = new ArrayList<>();
            for (Weight w : weights) {
                for (long m : depth.gemmTokens()) {
                    gemms.add(new GemmPoint(w.dtype, m, w.n, w.k));
                }
            }
            List<PrefillPoint> prefills = new ArrayList<>();
            List<DecodePoint> decodes = new ArrayList<>();
            for (AttentionHeads h : heads) {
                for (int b : depth.prefillBatches()) {
                    for (int isl : depth.prefillLengths()) {
                        if ((long) b * isl <= depth.prefillMaxTokens()) {
                            prefills.add(new PrefillPoint(h, b, isl));
                        }
                    }
                }
                for (String kv : kvDtypes) {
                    for (int b : depth.decodeBatches()) {
                        for (int step : depth.decodeSteps()) {
                            if ((long) b * (step + 1L) <= depth.decodeMaxCachedTokens()) {
                                decodes.add(new DecodePoint(h, kv, b, step));
                            }
                        }
                    }
                }
            }
            List<ElementwisePoint> elementwise = new ArrayList<>();
            for (int rows : depth.elementwiseRows()) {
                normWidths.forEach(w -> elementwise.add(new ElementwisePoint(ElementwisePoint.Kind.RMSNORM, rows, w)));
                activationWidths.forEach(w -> elementwise.add(new ElementwisePoint(ElementwisePoint.Kind.SILU_MUL, rows,
                        w)));
            }
            return new KernelPlan(depth, layouts, gemms, prefills, decodes, elementwise, BANDWIDTH_BYTES,
                    new ArrayList<>(notes));
        }
    }
}
