package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.cuda.CudaModule;
import dev.plimsoll.profiler.cuda.DeviceBuffer;
import dev.plimsoll.profiler.cuda.GraphTimer;
import dev.plimsoll.profiler.cuda.KernelArgs;
import dev.plimsoll.profiler.cuda.Timing;
import dev.plimsoll.profiler.plan.ElementwisePoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** RMSNorm and SiLU-and-multiply (memory.cu), the element-wise kernels of every layer. */
public final class ElementwiseBench {
    static final int THREADS = 256;
    /** RMSNorm epsilon of Llama and Qwen checkpoints (config.json rms_norm_eps). */
    static final float EPS = 1e-6f;
    static final int MAX_COPIES = 64;

    private ElementwiseBench() {
    }

    public static void run(CudaContext cuda, CudaModule memory, DeviceFill fill, List<ElementwisePoint> points,
                           BenchSettings s, Measurements out, PointListener listener,
                           ToDoubleFunction<ElementwisePoint> estimate) {
        GraphTimer timer = new GraphTimer(cuda);
        for (ElementwisePoint p : points) {
            if (listener.stopRequested()) {
                return;
            }
            String label = p.kind().key() + " rows " + p.rows() + " width " + p.width();
            int copies = s.copies(p.bytes(), MAX_COPIES);
            long inBytes = p.kind() == ElementwisePoint.Kind.RMSNORM ? 2L * p.rows() * p.width()
                    : 4L * p.rows() * p.width();
            long outBytes = 2L * p.rows() * p.width();
            List<DeviceBuffer> in = new ArrayList<>();
            List<DeviceBuffer> res = new ArrayList<>();
            try (DeviceBuffer weight = cuda.alloc(2L * p.width())) {
                fill.bf16(weight, 1.0f);
                for (int c = 0; c < copies; c++) {
                    in.add(cuda.alloc(inBytes));
                    res.add(cuda.alloc(outBytes));
                    fill.bf16(in.get(c), 1.0f);
                }
                Timing t;
                if (p.kind() == ElementwisePoint.Kind.RMSNORM) {
                    t = timer.time(i -> cuda.launch(memory.function("rmsnorm_bf16"), "rmsnorm_bf16", p.rows(), 1, 1,
                            THREADS, 0, new KernelArgs().ptr(in.get(i % copies)).ptr(weight).ptr(res.get(i % copies))
                                    .i32(p.width()).f32(EPS)), copies, s.warmup(), s.repeats());
                } else {
                    long vecs = (long) p.rows() * p.width() / 8;
                    int grid = (int) Math.min(cuda.info().multiprocessors() * 16L, (vecs + THREADS - 1) / THREADS);
                    t = timer.time(i -> cuda.launch(memory.function("silu_mul_bf16"), "silu_mul_bf16", grid, 1, 1,
                            THREADS, 0, new KernelArgs().ptr(in.get(i % copies)).ptr(res.get(i % copies))
                                    .i32(p.rows()).i32(p.width())), copies, s.warmup(), s.repeats());
                }
                out.add(new Measurements.Elementwise(p, t));
            } finally {
                in.forEach(DeviceBuffer::close);
                res.forEach(DeviceBuffer::close);
            }
            listener.done(label, estimate.applyAsDouble(p));
        }
    }
}
