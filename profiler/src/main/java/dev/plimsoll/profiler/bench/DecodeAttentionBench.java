package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.cuda.CudaModule;
import dev.plimsoll.profiler.cuda.DeviceBuffer;
import dev.plimsoll.profiler.cuda.GraphTimer;
import dev.plimsoll.profiler.cuda.KernelArgs;
import dev.plimsoll.profiler.cuda.Timing;
import dev.plimsoll.profiler.plan.AttentionHeads;
import dev.plimsoll.profiler.plan.DecodePoint;
import jcuda.driver.CUfunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Decode attention over a paged KV cache with our split-KV tensor-core kernel (paged_decode.cu). Each kernel is
 * checked against a plain reference kernel on a small problem before it is timed; one that
 * disagrees is not timed, and the run says so.
 */
public final class DecodeAttentionBench {
    static final int MAX_COPIES = 16;
    /** Largest relative error (to the largest output) the check accepts: bf16 output rounding is 0.4%. */
    static final double TOLERANCE = 2e-2;

    private final CudaContext cuda;
    private final CudaModule decode;
    private final DeviceFill fill;
    private final BenchSettings settings;
    private final Measurements out;
    private final Map<String, Boolean> checked = new HashMap<>();
    private final Set<String> sharedSet = new HashSet<>();

    public DecodeAttentionBench(CudaContext cuda, CudaModule decode, DeviceFill fill, BenchSettings settings,
                                Measurements out) {
        this.cuda = cuda;
        this.decode = decode;
        this.fill = fill;
        this.settings = settings;
        this.out = out;
    }

    public void run(List<DecodePoint> points, PointListener listener, ToDoubleFunction<DecodePoint> estimate) {
        for (DecodePoint p : points) {
            if (listener.stopRequested()) {
                return;
            }
            String label = "decode " + p.heads() + " kv " + p.kvDtype() + " batch " + p.batch() + " step " + p.step();
            boolean fp8 = p.kvDtype().equals(DecodePoint.FP8);
            int gt = PagedDecodeKernels.rows(p.heads().group());
            String name = PagedDecodeKernels.kernelName(fp8, p.heads().headDim(), gt);
            boolean ok = checked.computeIfAbsent(name, n -> check(fp8, p.heads().headDim(), gt));
            if (ok) {
                measure(p, fp8, name, gt).ifPresentOrElse(t -> out.add(new Measurements.Decode(p, t)),
                        () -> { });
            }
            listener.done(label, estimate.applyAsDouble(p));
        }
    }

    private java.util.Optional<Timing> measure(DecodePoint p, boolean fp8, String name, int gt) {
        AttentionHeads h = p.heads();
        int elt = p.kvBytesPerElement();
        int ctx = p.step() + 1;
        int bps = (ctx + PagedDecodeKernels.BLOCK_TOKENS - 1) / PagedDecodeKernels.BLOCK_TOKENS;
        long needed = (long) p.batch() * bps;
        long blockBytes = (long) PagedDecodeKernels.BLOCK_TOKENS * h.kvHeads() * h.headDim() * elt;
        int copies = settings.copies(2.0 * needed * blockBytes, MAX_COPIES);
        long poolBlocks = needed * copies;
        long free = cuda.memoryInfo()[0];
        if (2 * poolBlocks * blockBytes > free * 0.8 || poolBlocks > Integer.MAX_VALUE) {
            out.note("decode " + h + " batch " + p.batch() + " step " + p.step() + " not measured: its KV cache ("
                    + (2 * needed * blockBytes >> 20) + " MiB) does not fit the " + (free >> 20) + " MiB free");
            return java.util.Optional.empty();
        }
        int chunks = PagedDecodeKernels.chunks(h);
        int smem = PagedDecodeKernels.sharedBytes(h.headDim());
        CUfunction f = function(name, smem);
        long slots = (long) cuda.info().multiprocessors()
                * cuda.residentBlocks(f, PagedDecodeKernels.THREADS, smem, name);
        int ptoks = PagedDecodeKernels.partitionTokens(ctx, (long) p.batch() * h.kvHeads() * chunks, slots);
        int parts = (ctx + ptoks - 1) / ptoks;
        CUfunction merge = decode.function("paged_decode_merge");
        List<DeviceBuffer> owned = new ArrayList<>();
        try {
            DeviceBuffer k = own(owned, poolBlocks * blockBytes);
            DeviceBuffer v = own(owned, poolBlocks * blockBytes);
            randomKv(k, fp8);
            randomKv(v, fp8);
            DeviceBuffer q = own(owned, 2L * p.batch() * h.heads() * h.headDim());
            fill.bf16(q, 1.0f);
            List<DeviceBuffer> tables = new ArrayList<>();
            for (int c = 0; c < copies; c++) {
                DeviceBuffer t = own(owned, 4 * needed);
                cuda.upload(t, PagedDecodeKernels.blockTable(p.batch(), bps, c));
                tables.add(t);
            }
            DeviceBuffer lens = own(owned, 4L * p.batch());
            cuda.upload(lens, filled(p.batch(), ctx));
            long rows = (long) p.batch() * h.heads();
            DeviceBuffer acc = own(owned, Math.max(16, parts > 1 ? 4 * rows * parts * h.headDim() : 16));
            DeviceBuffer max = own(owned, Math.max(16, 4 * rows * parts));
            DeviceBuffer sum = own(owned, Math.max(16, 4 * rows * parts));
            DeviceBuffer o = own(owned, 2 * rows * h.headDim());
            float scale = (float) (1.0 / Math.sqrt(h.headDim()));
            return java.util.Optional.of(new GraphTimer(cuda).time(i -> {
                cuda.launch(f, name, parts, h.kvHeads() * chunks, p.batch(), PagedDecodeKernels.THREADS, smem,
                        new KernelArgs().ptr(q).ptr(k).ptr(v).ptr(tables.get(i % copies)).ptr(lens).ptr(acc).ptr(max)
                                .ptr(sum).ptr(o).i32(h.heads()).i32(h.kvHeads()).i32(bps).i32(ptoks).f32(scale)
                                .f32(1.0f));
                if (parts > 1) {
                    cuda.launch(merge, "paged_decode_merge", h.heads(), p.batch(), 1, h.headDim(), 0,
                            new KernelArgs().ptr(acc).ptr(max).ptr(sum).ptr(o).i32(h.heads()).i32(h.headDim())
                                    .i32(parts));
                }
            }, copies, settings.warmup(), settings.repeats()));
        } finally {
            owned.forEach(DeviceBuffer::close);
        }
    }

    /**
     * Runs the kernel on small problems (a single partition and three merged ones; a full and a
     * partial query-head group, and one query head for the 8-row kernel or two CTAs' worth for the
     * 16-row one) and compares it with paged_decode_reference.
     */
    private boolean check(boolean fp8, int headDim, int gt) {
        String name = PagedDecodeKernels.kernelName(fp8, headDim, gt);
        double worst = 0;
        for (int group : new int[]{gt, gt / 2 + 1, gt == 8 ? 1 : 2 * gt}) {
            for (int ptoks : new int[]{320, 128}) {
                worst = Math.max(worst, checkOnce(fp8, headDim, gt, group, ptoks));
            }
        }
        if (worst > TOLERANCE) {
            out.note(name + " disagrees with the reference kernel (relative error " + String.format("%.3g", worst)
                    + "): its decode points are not measured");
            return false;
        }
        return true;
    }

    private double checkOnce(boolean fp8, int headDim, int gt, int group, int ptoks) {
        int batch = 2;
        int kvHeads = 2;
        int heads = kvHeads * group;
        int ctx = 300;
        int elt = fp8 ? 1 : 2;
        int bps = (ctx + PagedDecodeKernels.BLOCK_TOKENS - 1) / PagedDecodeKernels.BLOCK_TOKENS;
        int needed = batch * bps;
        long blockBytes = (long) PagedDecodeKernels.BLOCK_TOKENS * kvHeads * headDim * elt;
        int parts = (ctx + ptoks - 1) / ptoks;
        String name = PagedDecodeKernels.kernelName(fp8, headDim, gt);
        int smem = PagedDecodeKernels.sharedBytes(headDim);
        CUfunction f = function(name, smem);
        List<DeviceBuffer> owned = new ArrayList<>();
        try {
            DeviceBuffer k = own(owned, needed * blockBytes);
            DeviceBuffer v = own(owned, needed * blockBytes);
            randomKv(k, fp8);
            randomKv(v, fp8);
            DeviceBuffer q = own(owned, 2L * batch * heads * headDim);
            fill.bf16(q, 1.0f);
            DeviceBuffer table = own(owned, 4L * needed);
            cuda.upload(table, PagedDecodeKernels.blockTable(batch, bps, 0));
            DeviceBuffer lens = own(owned, 4L * batch);
            cuda.upload(lens, filled(batch, ctx));
            long rows = (long) batch * heads;
            DeviceBuffer acc = own(owned, 4 * rows * parts * headDim);
            DeviceBuffer max = own(owned, 4 * rows * parts);
            DeviceBuffer sum = own(owned, 4 * rows * parts);
            DeviceBuffer o = own(owned, 2 * rows * headDim);
            DeviceBuffer ref = own(owned, 4 * rows * headDim);
            float scale = (float) (1.0 / Math.sqrt(headDim));
            int chunks = (group + gt - 1) / gt;
            cuda.launch(f, name, parts, kvHeads * chunks, batch, PagedDecodeKernels.THREADS, smem,
                    new KernelArgs().ptr(q).ptr(k).ptr(v).ptr(table).ptr(lens).ptr(acc).ptr(max).ptr(sum).ptr(o)
                            .i32(heads).i32(kvHeads).i32(bps).i32(ptoks).f32(scale).f32(1.0f));
            if (parts > 1) {
                cuda.launch(decode.function("paged_decode_merge"), "paged_decode_merge", heads, batch, 1, headDim, 0,
                        new KernelArgs().ptr(acc).ptr(max).ptr(sum).ptr(o).i32(heads).i32(headDim).i32(parts));
            }
            String refName = "paged_decode_reference_" + (fp8 ? "fp8" : "bf16");
            int n = (int) (rows * headDim);
            cuda.launch(decode.function(refName), refName, (n + 127) / 128, 1, 1, 128, 0,
                    new KernelArgs().ptr(q).ptr(k).ptr(v).ptr(table).ptr(lens).ptr(ref).i32(batch).i32(heads)
                            .i32(kvHeads).i32(headDim).i32(bps).f32(scale).f32(1.0f));
            short[] got = new short[n];
            float[] want = new float[n];
            cuda.download(o, got);
            cuda.download(ref, want);
            return relativeError(got, want);
        } finally {
            owned.forEach(DeviceBuffer::close);
        }
    }

    /** Largest |bf16 output - reference| over the largest |reference|. */
    static double relativeError(short[] bf16, float[] reference) {
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < reference.length; i++) {
            float got = Float.intBitsToFloat((bf16[i] & 0xFFFF) << 16);
            if (Float.isNaN(got) || Float.isNaN(reference[i])) {
                return Double.POSITIVE_INFINITY;
            }
            maxRef = Math.max(maxRef, Math.abs(reference[i]));
            maxErr = Math.max(maxErr, Math.abs(got - reference[i]));
        }
        return maxRef == 0 ? (maxErr == 0 ? 0 : Double.POSITIVE_INFINITY) : maxErr / maxRef;
    }

    private CUfunction function(String name, int smem) {
        CUfunction f = decode.function(name);
        if (smem > PagedDecodeKernels.DEFAULT_SHARED_BYTES && sharedSet.add(name)) {
            cuda.allowSharedMemory(f, smem, name);
        }
        return f;
    }

    private void randomKv(DeviceBuffer b, boolean fp8) {
        if (fp8) {
            fill.fp8(b, 1.0f);
        } else {
            fill.bf16(b, 1.0f);
        }
    }

    private DeviceBuffer own(List<DeviceBuffer> owned, long bytes) {
        DeviceBuffer b = cuda.alloc(bytes);
        owned.add(b);
        return b;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }
}
