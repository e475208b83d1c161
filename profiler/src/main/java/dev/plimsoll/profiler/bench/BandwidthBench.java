package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.cuda.CudaModule;
import dev.plimsoll.profiler.cuda.DeviceBuffer;
import dev.plimsoll.profiler.cuda.GraphTimer;
import dev.plimsoll.profiler.cuda.KernelArgs;
import dev.plimsoll.profiler.cuda.Timing;

import java.util.List;

/**
 * HBM bandwidth: a streaming read of 16-byte words (memory.cu read_f4) and a copy (copy_f4) over
 * buffers far larger than L2, each grid-stride with a few blocks per SM.
 */
public final class BandwidthBench {
    /** Blocks per SM and threads per block of the streaming kernels: enough loads in flight to saturate HBM. */
    static final int BLOCKS_PER_SM = 8;
    static final int THREADS = 512;

    private BandwidthBench() {
    }

    public static void run(CudaContext cuda, CudaModule memory, DeviceFill fill, List<Long> sizes, BenchSettings s,
                           Measurements out, PointListener listener) {
        GraphTimer timer = new GraphTimer(cuda);
        int grid = cuda.info().multiprocessors() * BLOCKS_PER_SM;
        for (long bytes : sizes) {
            if (listener.stopRequested()) {
                return;
            }
            long free = cuda.memoryInfo()[0];
            if (2 * bytes > free * 0.8) {
                out.note("bandwidth over " + (bytes >> 20) + " MiB not measured: " + (free >> 20) + " MiB free");
                continue;
            }
            long words = bytes / 16;
            try (DeviceBuffer src = cuda.alloc(bytes); DeviceBuffer dst = cuda.alloc(bytes);
                 DeviceBuffer sink = cuda.alloc(16)) {
                fill.f32(src, 1.0f);
                Timing read = timer.time(i -> cuda.launch(memory.function("read_f4"), "read_f4", grid, 1, 1, THREADS, 0,
                        new KernelArgs().ptr(src).u64(words).ptr(sink)), 1, s.warmup(), s.repeats());
                out.add(new Measurements.Bandwidth("read", bytes, bytes, read));
                listener.done("read " + (bytes >> 20) + " MiB", 0.5);
                Timing copy = timer.time(i -> cuda.launch(memory.function("copy_f4"), "copy_f4", grid, 1, 1, THREADS, 0,
                        new KernelArgs().ptr(src).ptr(dst).u64(words)), 1, s.warmup(), s.repeats());
                out.add(new Measurements.Bandwidth("copy", bytes, 2.0 * bytes, copy));
                listener.done("copy " + (bytes >> 20) + " MiB", 0.5);
            }
        }
    }
}
