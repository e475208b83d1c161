package dev.plimsoll.perfmodel.calib;

import dev.plimsoll.perfmodel.calib.roofline.ReferenceSpec;
import dev.plimsoll.perfmodel.calib.table.KernelFamily;
import dev.plimsoll.perfmodel.calib.table.KernelQuery;
import dev.plimsoll.perfmodel.calib.table.KernelRow;
import dev.plimsoll.perfmodel.cost.BackendProfile;
import dev.plimsoll.perfmodel.cost.Fp8BlockMoeKernel;
import dev.plimsoll.perfmodel.cost.MoeKernel;
import dev.plimsoll.perfmodel.cost.Nvfp4MoeKernel;
import dev.plimsoll.perfmodel.cost.OpCost;
import dev.plimsoll.perfmodel.cost.OpCostModel;
import dev.plimsoll.perfmodel.cost.RooflineCostModel;
import dev.plimsoll.perfmodel.cost.SglangAttentionBackend;
import dev.plimsoll.perfmodel.ops.Op;
import dev.plimsoll.perfmodel.ops.OpKind;
import dev.plimsoll.perfmodel.ops.OpShape;
import dev.plimsoll.perfmodel.specs.GpuSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kernel times from a calibration bundle: GEMMs, attention, MLA, MoE blocks and intra-domain
 * collectives are read from the measured curves (see {@link FamilyModel}); everything else, and
 * anything the bundle has no table for, is priced by its fallback: the next bundle measured on the
 * same GPU with the same framework where the catalog has one (a user's profile over the shipped
 * tables), else {@link RooflineCostModel} (provenance ROOFLINE). Answers are cached per op shape; the model is thread-safe.
 */
public final class CalibratedCostModel implements OpCostModel {
    /**
     * Cached shapes before the cache is emptied: a serving simulation meets thousands of distinct
     * shapes; the bound keeps a pathological sweep from holding memory.
     */
    static final int MAX_CACHED_SHAPES = 1 << 20;

    private final CalibrationBundle bundle;
    private final ReferenceSpec target;
    private final boolean exact;
    private final String backend;
    /** Kernel class to read for MXFP4 MoE blocks ("" for the engine's default). */
    private final String mxfp4MoeClass;
    /** Kernel class to read for NVFP4 MoE blocks ("" for the tables' fastest). */
    private final String nvfp4MoeClass;
    /** Kernel class to read for prefill and decode attention ("" for the tables' fastest). */
    private final String attentionClass;
    /** Block-FP8 MoE blocks run DeepGEMM's padded grouped GEMM ({@link DeepGemmMoe}). */
    private final boolean deepGemmMoe;
    /** The engine's cost of one kernel under graph replay ({@link DynamicFp8InputScale}). */
    private final double kernelUsGraph;
    private final double bandwidthBytesPerS;
    private final OpCostModel fallback;
    private final ConcurrentHashMap<Key, Answer> cache = new ConcurrentHashMap<>();
    /** Marlin MoE fits per routing distribution, made on first use ({@link MarlinMoe}). */
    private final ConcurrentHashMap<String, Optional<MarlinMoe>> marlinFits = new ConcurrentHashMap<>();

    /**
     * A model for {@code gpu} and {@code backend}; the bundle's curves count as measured only when
     * the bundle was measured on this GPU with this framework, and are transferred otherwise.
     */
    public CalibratedCostModel(CalibrationBundle bundle, GpuSpec gpu, BackendProfile backend) {
        this(bundle, gpu, backend, bundle.gpuId().equals(gpu.id()) && bundle.backend().equals(backend.id()));
    }

    CalibratedCostModel(CalibrationBundle bundle, GpuSpec gpu, BackendProfile backend, boolean exact) {
        this(bundle, gpu, backend, exact, new RooflineCostModel(gpu, backend));
    }

    /**
     * @param fallback prices what the bundle has no table for: the roofline, or the next bundle of
     *                 the same GPU and framework (a user's partial profile layered over the shipped
     *                 tables)
     */
    CalibratedCostModel(CalibrationBundle bundle, GpuSpec gpu, BackendProfile backend, boolean exact,
                        OpCostModel fallback) {
        this.bundle = bundle;
        this.target = ReferenceSpec.of(gpu);
        this.exact = exact;
        this.backend = backend.id();
        this.mxfp4MoeClass = backend.mxfp4MoeKernel().tableClass();
        this.nvfp4MoeClass = backend.nvfp4MoeKernel().tableClass();
        this.attentionClass = backend.attentionBackend().tableClass();
        this.deepGemmMoe = backend.fp8BlockMoeKernel() == Fp8BlockMoeKernel.DEEPGEMM_CONTIGUOUS
                && DeepGemmMoe.runsOn(gpu);
        this.kernelUsGraph = backend.kernelOverheadUsGraph();
        this.bandwidthBytesPerS = gpu.memoryBandwidthBytesPerS();
        this.fallback = fallback;
    }

    public CalibrationBundle bundle() {
        return bundle;
    }

    @Override
    public String provenanceNote() {
        if (exact) {
            return "";
        }
        String why = bundle.reference().sameFormats(target)
                ? "the closest calibrated GPU with the same tensor-core formats"
                : "the closest calibrated GPU; none has the same tensor-core formats";
        return "no " + backend + " kernel tables for " + target.gpuId() + ": its kernels are priced from "
                + bundle.gpuId() + "'s " + bundle.backend() + " tables (" + why + "), scaled by peak and bandwidth "
                + "ratios";
    }

    /**
     * Reads and fits now, one thread per table, the tables a model's steps will look up (else each
     * is read on first use): before a timed search, so that it measures searching. Dense models
     * skip the MoE table, GQA models the MLA tables.
     */
    public void prepare(dev.plimsoll.perfmodel.specs.ModelSpec model) {
        List<Thread> threads = new ArrayList<>();
        for (KernelFamily family : bundle.families()) {
            boolean dsa = family == KernelFamily.DSA_ATTENTION || family == KernelFamily.DSA_INDEXER
                    || family == KernelFamily.DSA_TOPK;
            boolean unused = (family == KernelFamily.MOE && !model.isMoe())
                    || ((family == KernelFamily.CONTEXT_MLA || family == KernelFamily.GENERATION_MLA)
                    && !model.attention().isMla())
                    || (family == KernelFamily.GDN && model.linearAttention() == null)
                    || (dsa && !model.attention().isSparse());
            if (!unused) {
                Thread t = new Thread(() -> bundle.model(family), "plimsoll-calibration-" + family);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The continuous axis of each op (GEMM and MoE tokens, attention KV length or chunk length,
     * collective size) is read on a grid of {@code 2^GRID_BITS} points per octave (2.2% apart) and
     * interpolated linearly between them. A simulation moves batch sizes and mean contexts a little
     * every step; without the grid nearly every step would miss the cache (3-6 us a lookup). The
     * measured curves are smooth at that scale: their own grids have one to four points per octave.
     */
    static final int GRID_BITS = 5;

    @Override
    public OpCost cost(Op op) {
        if (deepGemmMoe && DeepGemmMoe.applies(op)) {
            return DeepGemmMoe.cost((OpShape.Moe) op.shape(), this::cost);
        }
        if (!mayHaveTable(op.kind())) {
            return fallback.cost(op);
        }
        OpCost gridded = onGrid(op);
        if (gridded != null) {
            return gridded;
        }
        OpCost c = answer(op).cost;
        return c != null ? c : fallback.cost(op);
    }

    /** The op's time interpolated between the two grid points around its axis; null when on the grid. */
    private OpCost onGrid(Op op) {
        long x = GridAxis.value(op.shape());
        int octave = 63 - Long.numberOfLeadingZeros(Math.max(1, x));
        if (octave <= GRID_BITS) {
            return null;
        }
        long step = 1L << (octave - GRID_BITS);
        long lo = x / step * step;
        if (lo == x) {
            return null;
        }
        long hi = lo + step;
        OpCost a = answer(GridAxis.with(op, lo)).cost;
        OpCost b = answer(GridAxis.with(op, hi)).cost;
        if (a == null || b == null) {
            return null;
        }
        double f = (double) (x - lo) / step;
        return new OpCost(a.timeMs() + (b.timeMs() - a.timeMs()) * f, f < 0.5 ? a.bound() : b.bound(),
                a.provenance().compareTo(b.provenance()) >= 0 ? a.provenance() : b.provenance());
    }

    /** The calibrated answer for an op, or empty when the roofline prices it. */
    public Optional<Prediction> predict(Op op) {
        return mayHaveTable(op.kind()) ? Optional.ofNullable(answer(op).prediction) : Optional.empty();
    }

    private Answer answer(Op op) {
        Key key = new Key(op.kind(), op.shape());
        Answer a = cache.get(key);
        if (a == null) {
            if (cache.size() >= MAX_CACHED_SHAPES) {
                cache.clear();
            }
            a = new Answer(compute(op).orElse(null));
            cache.putIfAbsent(key, a);
        }
        return a;
    }

    private static boolean mayHaveTable(OpKind kind) {
        return kind != OpKind.ELEMENTWISE && kind != OpKind.EMBEDDING && kind != OpKind.SAMPLING
                && kind != OpKind.P2P;
    }

    private Optional<Prediction> compute(Op op) {
        Optional<Prediction> table = tableAnswer(op);
        if (table.isPresent() && DynamicFp8InputScale.applies(bundle.backend(), op.shape())) {
            return Optional.of(DynamicFp8InputScale.staticInput(table.get(), (OpShape.Gemm) op.shape(), kernelUsGraph,
                    bandwidthBytesPerS));
        }
        return table;
    }

    private Optional<Prediction> tableAnswer(Op op) {
        if (op.kind() == OpKind.MLA_PREFILL && op.shape() instanceof OpShape.Mla m
                && AbsorbedMlaTables.runsAsMultiHead(m)
                && AbsorbedMlaTables.contextTableIsAbsorbed(bundle.backend(), bundle.reference())) {
            Optional<FamilyModel> attention = bundle.model(KernelFamily.CONTEXT_ATTENTION);
            if (attention.isPresent()) {
                return AbsorbedMlaTables.narrowValues(
                        attention.get().predict(AbsorbedMlaTables.multiHeadQuery(m), target, exact));
            }
        }
        Optional<KernelQuery> q = OpQueries.of(op);
        if (q.isEmpty()) {
            return Optional.empty();
        }
        KernelQuery query = q.get();
        if (op.kind() == OpKind.ALL_REDUCE) {
            Optional<FamilyModel> custom = bundle.model(KernelFamily.ALLREDUCE);
            if (custom.isPresent()) {
                Optional<KernelQuery> cq = OpQueries.customAllReduce(query, custom.get(), backend);
                if (cq.isPresent()) {
                    return Optional.ofNullable(custom.get().predict(cq.get(), target, exact));
                }
            }
        }
        Optional<FamilyModel> model = bundle.model(query.family());
        if (model.isEmpty()) {
            return Optional.empty();
        }
        FamilyModel m = model.get();
        if (query.family() == KernelFamily.GDN) {
            String own = OpQueries.gdnCategory(query.category(), m);
            if (own == null) {
                return Optional.empty();
            }
            query = query.withCategory(own);
        }
        for (String c : candidates(query)) {
            // a step's kernels replay in a CUDA graph: a category timed with host work inside says less
            // than the next one in the chain; so does, on another architecture, an 8-bit MoE category its
            // source measured slower than BF16 (SlowQuantisedCategories)
            if (m.has(c) && !m.hostBound(c) && !m.slowOnAnotherArchitecture(c, target)) {
                String kernelClass = kernelClass(query.family(), c);
                Prediction marlin = marlinAtUnmeasuredShape(m, query, c, kernelClass, op.shape());
                if (marlin != null) {
                    return Optional.of(marlin);
                }
                Prediction p = m.predict(query, c, kernelClass, target, exact);
                return Optional.ofNullable(busiestRank(m, query, c, kernelClass, op.shape(), p));
            }
        }
        return Optional.ofNullable(m.predict(query, target, exact));
    }

    /**
     * An expert-parallel MoE pass lasts as long as its busiest rank ({@link BusiestExpertRank}): the
     * table's balanced curve read where it loads as many distinct experts on its rank as the busiest
     * rank of uniformly routed tokens holds, when that takes longer than the curve read for the op.
     */
    private Prediction busiestRank(FamilyModel m, KernelQuery query, String category, String kernelClass,
                                   OpShape shape, Prediction read) {
        if (read == null || !(shape instanceof OpShape.Moe moe) || moe.moeEp() <= 1) {
            return read;
        }
        String balanced = KernelRow.splitCategory(category)[0] + KernelRow.SEPARATOR + OpQueries.BALANCED;
        if (!m.has(balanced) || m.hostBound(balanced)) {
            return read;
        }
        double distinct = BusiestExpertRank.distinctExperts(moe.tokens(), moe.experts(), moe.topK(), moe.moeEp());
        double tokens = BusiestExpertRank.balancedTokens(distinct, moe.topK(), moe.moeEp());
        if (tokens <= moe.tokens()) {
            return read;
        }
        KernelQuery busiest = new KernelQuery(query.family(), balanced, query.shape(), new double[]{tokens},
                query.queryTokens(), query.prefixTokens(), query.standIn());
        Prediction slowest = m.predict(busiest, balanced, kernelClass, target, exact);
        return slowest != null && slowest.timeMs() > read.timeMs() ? slowest : read;
    }

    /**
     * Marlin experts at a shape the table measures only with other kernels or not at all: priced from
     * the kernel's structure, calibrated on the table's Marlin shapes ({@link MarlinMoe}); null where the
     * table measures Marlin at this shape, or has no Marlin shape with this routing.
     */
    private Prediction marlinAtUnmeasuredShape(FamilyModel m, KernelQuery query, String category,
                                               String kernelClass, OpShape shape) {
        if (!kernelClass.equals(MoeKernel.MARLIN.tableClass()) || !(shape instanceof OpShape.Moe moe)
                || m.measuredWith(category, kernelClass, query.shape())) {
            return null;
        }
        String[] labels = KernelRow.splitCategory(category);
        if (labels.length < 2) {
            return null;
        }
        String distribution = labels[1];
        MarlinMoe fit = marlinFits.computeIfAbsent(distribution, d -> Optional.ofNullable(MarlinMoe.fit(m, d)))
                .orElse(null);
        if (fit == null) {
            return null;
        }
        // the kernel class is Marlin only for MXFP4 experts (kernelClass), which vLLM's MXFP4 method pads
        KernelQuery q = KernelQuery.of(KernelFamily.MOE, category, MarlinMoe.mxfp4Padded(query.shape()), query.grid());
        return fit.predict(q, moe.precision().weights().bytesPerElement(), m.reference(), target);
    }

    /**
     * The kernel class the engine runs for a category: Marlin for MXFP4 experts when launched so, the
     * launch's kernel for NVFP4 experts ({@link Nvfp4MoeKernel}), the launch's attention backend
     * ({@link SglangAttentionBackend}); "" (any) otherwise.
     */
    private String kernelClass(KernelFamily family, String category) {
        if (family == KernelFamily.CONTEXT_ATTENTION || family == KernelFamily.GENERATION_ATTENTION) {
            return attentionClass;
        }
        String dtype = KernelRow.splitCategory(category)[0];
        if (dtype.equals(OpQueries.moeLabel("mxfp4_wo"))) {
            return mxfp4MoeClass;
        }
        return dtype.equals(OpQueries.moeLabel("nvfp4")) ? nvfp4MoeClass : "";
    }

    /** The query's own category, then MoE routing alternatives, then dtype fallbacks. */
    private static List<String> candidates(KernelQuery q) {
        List<String> out = new ArrayList<>();
        out.add(q.category());
        List<String> dtypes = new ArrayList<>();
        dtypes.add(q.category());
        dtypes.addAll(OpQueries.fallbacks(q.family(), q.category()));
        for (String c : dtypes) {
            if (q.family() == KernelFamily.MOE) {
                String dtype = KernelRow.splitCategory(c)[0];
                for (String d : OpQueries.MOE_DISTRIBUTIONS) {
                    out.add(dtype + KernelRow.SEPARATOR + d);
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Cache key: the op family and its table shape (FLOPs and bytes follow from them). */
    private record Key(OpKind kind, OpShape shape) {
    }

    /** A cached answer; no prediction (and no cost) when the roofline prices the op. */
    private static final class Answer {
        final Prediction prediction;
        final OpCost cost;

        Answer(Prediction p) {
            this.prediction = p;
            this.cost = p == null ? null : new OpCost(p.timeMs(), p.bound(), p.provenance());
        }
    }
}
