package dev.plimsoll.profiler.bench;

import dev.plimsoll.profiler.cuda.CudaContext;
import dev.plimsoll.profiler.cuda.CudaModule;
import dev.plimsoll.profiler.cuda.DeviceBuffer;
import dev.plimsoll.profiler.cuda.KernelArgs;

/** Random (never zero) contents for benchmark buffers, drawn on the device by memory.cu's fill kernels. */
public final class DeviceFill {
    private static final int BLOCKS = 1024;
    private static final int THREADS = 256;

    private final CudaContext cuda;
    private final CudaModule memory;
    private long seed = 0x5EED;

    public DeviceFill(CudaContext cuda, CudaModule memory) {
        this.cuda = cuda;
        this.memory = memory;
    }

    /** bf16 values uniform in [-scale, scale). */
    public void bf16(DeviceBuffer b, float scale) {
        fill("fill_bf16", b, b.bytes() / 2, scale);
    }

    /** fp8 e4m3 values uniform in [-scale, scale). */
    public void fp8(DeviceBuffer b, float scale) {
        fill("fill_fp8", b, b.bytes(), scale);
    }

    public void f32(DeviceBuffer b, float scale) {
        fill("fill_f32", b, b.bytes() / 4, scale);
    }

    private void fill(String kernel, DeviceBuffer b, long elements, float scale) {
        cuda.launch(memory.function(kernel), kernel, BLOCKS, 1, 1, THREADS, 0,
                new KernelArgs().ptr(b).u64(elements).u64(seed++).f32(scale));
    }
}
